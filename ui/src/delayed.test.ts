import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useDelayedFlag } from './delayed'

afterEach(() => {
  vi.useRealTimers()
})

describe('useDelayedFlag', () => {
  it('turns on only after the source stayed on for the delay, and off at once', async () => {
    vi.useFakeTimers()
    const source = ref(false)
    const scope = effectScope()
    const shown = scope.run(() => useDelayedFlag(source, 300))!
    source.value = true
    await nextTick()
    vi.advanceTimersByTime(299)
    expect(shown.value).toBe(false)
    vi.advanceTimersByTime(1)
    expect(shown.value).toBe(true)
    source.value = false
    await nextTick()
    expect(shown.value).toBe(false)
    scope.stop()
  })

  it('never turns on for a quick load', async () => {
    vi.useFakeTimers()
    const source = ref(false)
    const scope = effectScope()
    const shown = scope.run(() => useDelayedFlag(source, 300))!
    source.value = true
    await nextTick()
    vi.advanceTimersByTime(100)
    source.value = false
    await nextTick()
    vi.advanceTimersByTime(1000)
    expect(shown.value).toBe(false)
    scope.stop()
  })
})
