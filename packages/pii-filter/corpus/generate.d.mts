export interface Label {
  detector: string;
  start: number;
  end: number;
  value: string;
}
export interface Sample {
  kind: string;
  text: string;
  labels: Label[];
}
export function generateCorpus(options?: { seed?: number; size?: number }): Sample[];
export function adversarialInput(bytes?: number): string;
