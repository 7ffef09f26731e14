import { onScopeDispose, ref, watch, type Ref } from 'vue'

/**
 * A flag that follows `source` being true only after it has stayed true for `ms`: loading spinners for slow
 * loads only, so quick ones (most: the store is local) do not flash a mask over the page.
 */
export function useDelayedFlag(source: Ref<boolean>, ms = 300): Ref<boolean> {
  const shown = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  const stop = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  watch(
    source,
    (on) => {
      stop()
      if (on) timer = setTimeout(() => (shown.value = true), ms)
      else shown.value = false
    },
    { immediate: true },
  )
  onScopeDispose(stop)
  return shown
}
