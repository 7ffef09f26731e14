import { describe, expect, it } from 'vitest'
import type { CaseEvent, EventKind } from './api'
import { appliesTo, groupEventKinds, limitEvents } from './eventKinds'

const kinds: EventKind[] = [
  {
    id: '简易程序转普通程序',
    meaning: '裁定转为普通程序',
    group: 'trial_limit',
    procedures: ['civil-simple', 'civil-ordinary', 'admin-simple', 'admin-first', 'criminal-simple', 'criminal-public'],
  },
  { id: '小额诉讼转简易程序', meaning: '', group: 'trial_limit', procedures: ['small-claims', 'civil-simple'] },
  { id: '补充侦查完毕移送', meaning: '', group: 'trial_limit', procedures: ['criminal-public', 'criminal-simple'] },
  { id: '送达判决书', meaning: '当事人收到判决书', group: 'period', procedures: [] },
  { id: '立案', meaning: '立案', group: 'period', procedures: [] },
]

const ev = (kind: string, date: string): CaseEvent => ({ id: kind + date, kind, date, party: null, note: '' })

describe('event kinds of the 节点 form', () => {
  it('offers only the 审限 events that fit the procedure, first', () => {
    const g = groupEventKinds(kinds, 'civil-simple')
    expect(g.map((x) => x.group)).toEqual(['trial_limit', 'period'])
    expect(g[0].kinds.map((k) => k.id)).toEqual(['简易程序转普通程序', '小额诉讼转简易程序'])
    expect(g[1].kinds.map((k) => k.id)).toEqual(['送达判决书', '立案'])
  })

  it('does not offer a criminal restart on a civil case', () => {
    const ids = groupEventKinds(kinds, 'civil-ordinary').flatMap((g) => g.kinds.map((k) => k.id))
    expect(ids).not.toContain('补充侦查完毕移送')
    expect(ids).toContain('简易程序转普通程序')
    const criminal = groupEventKinds(kinds, 'criminal-public')[0].kinds.map((k) => k.id)
    expect(criminal).toEqual(['简易程序转普通程序', '补充侦查完毕移送'])
  })

  it('limits the 审限变更 form to 审限 events; with no procedure known all are offered', () => {
    expect(groupEventKinds(kinds, 'small-claims', true)).toEqual([{ group: 'trial_limit', kinds: [kinds[1]] }])
    expect(groupEventKinds(kinds, undefined, true)[0].kinds).toHaveLength(3)
    expect(groupEventKinds(kinds, 'enforcement', true)).toEqual([])
    expect(appliesTo(kinds[4], 'enforcement')).toBe(true)
  })

  it('lists the recorded 审限 events oldest first', () => {
    const events = [ev('补充侦查完毕移送', '2025-05-01'), ev('送达判决书', '2025-04-01'), ev('简易程序转普通程序', '2025-03-20')]
    expect(limitEvents(events, kinds).map((e) => e.kind)).toEqual(['简易程序转普通程序', '补充侦查完毕移送'])
  })
})
