// Typed wrappers around the 判决书 editor's commands (docs/app-commands.md: draft_*). Kept apart from api.ts so this
// screen can grow without touching the shared file; errors are the same AppError with the back end's stable `code`.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError, type CaseDetail } from '../api'

/** Section key (`header`, `reasoning`, `items`…) → text. 判决主文 (`items`) holds one item per line. */
export type DraftContent = Record<string, string>

export interface DraftSection {
  key: string
  /** The Chinese name (首部, 本院认为…); the UI shows its own translated label. */
  label: string
  /** Generated from the case: the editor offers 重新生成. */
  generated: boolean
}

export interface DraftRow {
  id: string
  case_id: string
  kind: string
  title: string
  created_at: string
}

export interface RevisionMeta {
  id: string
  parents: string[]
  author: string
  created_at: string
}

export interface Revision extends RevisionMeta {
  draft_id: string
  content: DraftContent
}

export interface DraftState {
  draft: DraftRow
  content: DraftContent
  base_revision: string | null
  autosaved_at: string | null
  revisions: RevisionMeta[]
  /** More than one head: two machines saved concurrently, to be merged by a person. */
  heads: string[]
}

export type SpanTag = 'equal' | 'insert' | 'delete'

export interface Span {
  tag: SpanTag
  text: string
}

export interface SectionDiff {
  key: string
  changed: boolean
  spans: Span[]
}

export interface SectionMerge {
  key: string
  text: string
  /** The text carries conflict markers (<<<<<<< … >>>>>>>) for a person to resolve. */
  conflict: boolean
}

export interface MergeProposal {
  heads: [string, string]
  ancestor: string | null
  sections: SectionMerge[]
}

export interface Exported {
  path: string
  overridden: boolean
  case: CaseDetail
}

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
