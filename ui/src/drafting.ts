// Pure helpers of the 判决书 editor (views/Drafting.vue): 判决主文 items ↔ text, Chinese item numbers, the autosave
// timer, and ordering a diff by the document's sections. Kept out of the component so vitest covers them.
import type { DraftContent, RevisionMeta, SectionDiff } from './api/drafting'

/** 判决主文 is stored one item per line; the editor shows a numbered input per item. */
export function itemsFromText(text: string | undefined): string[] {
  const items = (text ?? '').split('\n').map((s) => s.trim())
  const kept = items.filter((s) => s !== '')
  return kept.length ? kept : ['']
}

export function itemsToText(items: string[]): string {
  return items
    .map((s) => s.replace(/\n/g, ' ').trim())
    .filter((s) => s !== '')
    .join('\n')
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (the 一、二、 numbering of 判决主文). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]
  if (n < 100) {
    const tens = Math.floor(n / 10)
    const ones = n % 10
    return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`
  }
  return String(n)
}

export function sameContent(a: DraftContent, b: DraftContent): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if ((a[k] ?? '') !== (b[k] ?? '')) return false
  return true
}

/** `hh:mm:ss` in local time, for 已自动保存 hh:mm:ss. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** `yyyy-mm-dd hh:mm` in local time, for the 历史版本 list. */
export function revisionTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${clockTime(iso).slice(0, 5)}`
}

/** Newest first, each with its number in saving order (版本 1 is the first save). */
export function revisionRows(revs: RevisionMeta[]): (RevisionMeta & { n: number })[] {
  return revs.map((r, i) => ({ ...r, n: i + 1 })).reverse()
}

/** Diff sections in document order; sections this UI does not know go last, in the order the back end sent. */
export function orderDiff(diffs: SectionDiff[], order: string[]): SectionDiff[] {
  const rank = (k: string) => {
    const i = order.indexOf(k)
    return i < 0 ? order.length : i
  }
  return [...diffs].sort((a, b) => rank(a.key) - rank(b.key))
}

/**
 * Saves the working copy at most every `intervalMs` while it changes: `touch()` marks it changed, the timer calls
 * `save` when there is something to save, and `flush()` saves now (leaving the page, before 保存版本). A failed save
 * keeps the text marked as changed so the next tick retries.
 */
export class Autosaver {
  private dirty = false
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<void> | null = null

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs = 3000,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  start(): void {
    if (this.timer === null) this.timer = setInterval(() => this.flush().catch(this.onError), this.intervalMs)
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  touch(): void {
    this.dirty = true
  }

  get pending(): boolean {
    return this.dirty
  }

  async flush(): Promise<void> {
    if (this.running) await this.running
    if (!this.dirty) return
    this.dirty = false
    this.running = this.save().catch((e) => {
      this.dirty = true
      throw e
    })
    try {
      await this.running
    } finally {
      this.running = null
    }
  }
}
