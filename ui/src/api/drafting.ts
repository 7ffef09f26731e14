// Typed wrappers around the 判决书 editor's commands (docs/app-commands.md: draft_*). Kept apart from api.ts so this
// screen can grow without touching the shared file; errors are the same AppError with the back end's stable `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type {
  DraftRow,
  DraftState,
  Exported,
  MergeProposal,
  RevisionMeta,
  RevisionRow,
  Section,
  SectionDiff,
  SectionMerge,
  Span,
  SpanTag,
} from '../generated/types'

// The types are generated from the Rust ones (../generated/types.ts); the names the editor knows are given here.
export type { DraftRow, DraftState, Exported, MergeProposal, RevisionMeta, SectionDiff, SectionMerge, Span, SpanTag }

/** Section key (`header`, `reasoning`, `items`…) → text. 判决主文 (`items`) holds one item per line. */
export type DraftContent = Record<string, string>
/** A section of the editor: `label` is the Chinese name (首部, 本院认为…), `generated` offers 重新生成. */
export type DraftSection = Section
export type Revision = RevisionRow

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const draftApi = {
  sections: () => call<DraftSection[]>('draft_sections'),
  /** 一、 二、 … : the 判决主文 item labels the exported .docx prints (draft_item_labels). */
  itemLabels: () => call<string[]>('draft_item_labels'),
  open: (caseNo: string) => call<DraftState>('draft_open', { caseNo }),
  autosave: (draftId: string, content: DraftContent, baseRevision: string | null) =>
    call<string>('draft_autosave', { draftId, content, baseRevision }),
  save: (draftId: string, content: DraftContent, baseRevision: string | null, parents?: string[]) =>
    call<DraftState>('draft_save', { draftId, content, baseRevision, parents: parents ?? null }),
  revision: (revisionId: string) => call<Revision>('draft_revision', { revisionId }),
  diff: (from: string, to: string) => call<SectionDiff[]>('draft_diff', { from, to }),
  mergeProposal: (draftId: string) => call<MergeProposal | null>('draft_merge_proposal', { draftId }),
  generateSection: (caseNo: string, section: string) => call<string>('draft_generate_section', { caseNo, section }),
  /** Refused `review_pending` while 阅核 is not 同意签发; `overrideReason` exports anyway where allowed (recorded). */
  exportDocx: (caseNo: string, content: DraftContent, overrideReason?: string) =>
    call<Exported>('draft_export', { caseNo, content, overrideReason: overrideReason ?? null }),
}
