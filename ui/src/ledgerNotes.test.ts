import { describe, expect, it } from 'vitest'
import type { Note } from './api'
import { latestNote, notesNewestFirst, shortNote } from './ledgerNotes'

const note = (id: string, created: string, text = id): Note => ({ id, text, created })

describe('notesNewestFirst / latestNote', () => {
  it('orders by time, newest first, without changing the input', () => {
    const notes = [note('a', '2026-01-02T01:00:00.000Z'), note('b', '2026-03-01T08:00:00.000Z'), note('c', '2026-02-01T00:00:00Z')]
    expect(notesNewestFirst(notes).map((n) => n.id)).toEqual(['b', 'c', 'a'])
    expect(notes.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    expect(latestNote(notes)?.id).toBe('b')
  })

  it('compares instants, not text, across zones', () => {
    // 09:00 in +08:00 is 01:00Z, earlier than 02:00Z
    const notes = [note('z', '2026-01-02T02:00:00Z'), note('cn', '2026-01-02T09:00:00+08:00')]
    expect(latestNote(notes)?.id).toBe('z')
  })

  it('keeps the later-added note first on equal or unreadable times', () => {
    expect(notesNewestFirst([note('a', '2026-01-02T01:00:00Z'), note('b', '2026-01-02T01:00:00Z')]).map((n) => n.id)).toEqual(['b', 'a'])
    expect(notesNewestFirst([note('x', ''), note('y', '')]).map((n) => n.id)).toEqual(['y', 'x'])
    expect(notesNewestFirst([note('x', ''), note('t', '2020-01-01T00:00:00Z')]).map((n) => n.id)).toEqual(['t', 'x'])
  })

  it('is null without notes', () => {
    expect(latestNote([])).toBeNull()
  })
})

describe('shortNote', () => {
  it('puts the text on one line', () => {
    expect(shortNote('  先行调解，\n  下周组织鉴定  ')).toBe('先行调解， 下周组织鉴定')
  })

  it('cuts long text with an ellipsis, counting characters', () => {
    expect(shortNote('一二三四五六', 4)).toBe('一二三…')
    expect(shortNote('一二三四', 4)).toBe('一二三四')
    expect(shortNote('😀😀😀', 2)).toBe('😀…')
  })
})
