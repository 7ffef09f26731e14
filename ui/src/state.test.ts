import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), isTauri: () => true }))
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }))

import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { startReminderBadge, urgentBadge } from './state'

const invokeMock = vi.mocked(invoke)
const listenMock = vi.mocked(listen)
let emit: ((urgent: number) => void) | null = null
let stop: (() => void) | null = null

beforeEach(() => {
  invokeMock.mockReset()
  urgentBadge.value = null
  listenMock.mockImplementation(async (_event, handler) => {
    emit = (urgent) => (handler as (e: { payload: unknown }) => void)({ payload: { urgent } })
    return () => {}
  })
})
afterEach(() => {
  stop?.()
  stop = null
})

describe('the 今日 badge', () => {
  it('asks reminder_count once on start, then follows reminders-updated', async () => {
    invokeMock.mockResolvedValue(5)
    stop = await startReminderBadge()
    await flushPromises()
    expect(invokeMock.mock.calls).toEqual([['reminder_count', undefined]])
    expect(listenMock).toHaveBeenCalledWith('reminders-updated', expect.any(Function))
    expect(urgentBadge.value).toBe(5)
    emit!(2)
    expect(urgentBadge.value).toBe(2)
  })

  it('keeps an event that arrived before the count', async () => {
    let answer: (n: number) => void = () => {}
    invokeMock.mockReturnValue(new Promise((r) => (answer = r)))
    stop = await startReminderBadge()
    emit!(3)
    answer(7)
    await flushPromises()
    expect(urgentBadge.value).toBe(3)
  })
})
