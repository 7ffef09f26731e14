import type { Directive } from 'vue'

// Element Plus's table renders its own <tr> elements and has no prop for row attributes, so this directive puts
// `data-testid` on every body row (for end-to-end tests) and keeps it there as rows are re-rendered.
type El = HTMLElement & { __rowTestidObserver?: MutationObserver }

function apply(el: HTMLElement, id: string) {
  el.querySelectorAll('.el-table__body tr.el-table__row').forEach((tr) => {
    if (tr.getAttribute('data-testid') !== id) tr.setAttribute('data-testid', id)
  })
}

export const vRowTestid: Directive<El, string> = {
  mounted(el, binding) {
    apply(el, binding.value)
    const obs = new MutationObserver(() => apply(el, binding.value))
    obs.observe(el, { childList: true, subtree: true })
    el.__rowTestidObserver = obs
  },
  updated(el, binding) {
    apply(el, binding.value)
  },
  beforeUnmount(el) {
    el.__rowTestidObserver?.disconnect()
    delete el.__rowTestidObserver
  },
}
