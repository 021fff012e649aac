import type { HarResult, MeasuredPage } from '../../har'

/** What the HAR worker is asked and what it answers; both sides read this one file. */
export type HarRequest =
  { readonly id: number; readonly file: Blob } | { readonly id: number; readonly text: string }

export type HarStage = 'read' | 'parse' | 'measure'

export type HarReply =
  | {
      readonly id: number
      readonly type: 'progress'
      readonly stage: HarStage
      /** 0 to 1 within reading; parse and measure report once each. */
      readonly fraction: number
    }
  | { readonly id: number; readonly type: 'done'; readonly result: HarResult<MeasuredPage> }

export const STAGE_TEXT: Record<HarStage, string> = {
  read: 'Reading the file',
  parse: 'Checking it is HAR 1.2',
  measure: 'Laying out the waterfall',
}
