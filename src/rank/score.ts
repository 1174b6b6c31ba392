// The trending score, and the sentence that explains it.

import { spanText } from '../text/duration.ts';

export interface ScoreInput {
  /** Hours since it was published (or first seen). */
  ageHours: number;
  /** Highest weight among the sources that saw it. */
  weight: number;
  points: number;
  comments: number;
  starGain?: number | null;
  stars?: number | null;
  /** How many sources saw it. */
  sources: number;
  /** The platforms' names for the points, for the explanation: "HN 320 points". */
  pointsBy: { label: string; points: number; comments: number }[];
  /** Share of this candidate's sources' past candidates the editor picked (0–1), if known. */
  pickRate?: number;
  /** The published issue that featured it already, if one did. */
  featuredIn?: number | null;
}

export interface Score {
  score: number;
  explanation: string;
}

export const HALF_LIFE_HOURS = 72;
/** What a link featured before keeps of its score: it stays in the inbox, marked, below the news. */
export const FEATURED_FACTOR = 0.5;

export function score(i: ScoreInput): Score {
  const engagement = Math.log2(1 + i.points + i.comments / 2);
  const stars = i.starGain && i.starGain > 0 ? Math.log2(1 + i.starGain / 10) : 0;
  const multi = Math.max(0, i.sources - 1) * 0.75;
  const taste = i.pickRate !== undefined ? (i.pickRate - 0.25) * 2 : 0;
  const recency = 0.5 ** (Math.max(0, i.ageHours) / HALF_LIFE_HOURS);
  const raw = (i.weight + engagement + stars + multi + taste) * recency * (i.featuredIn ? FEATURED_FACTOR : 1);
  const parts: string[] = [];
  for (const p of i.pointsBy) if (p.points || p.comments) parts.push(`${p.label} ${p.points} points${p.comments ? `, ${p.comments} comments` : ''}`);
  if (i.starGain) parts.push(`${i.starGain > 0 ? '+' : ''}${i.starGain} stars this week`);
  else if (i.stars) parts.push(`${i.stars} stars`);
  if (i.sources > 1) parts.push(`seen in ${i.sources} sources`);
  parts.push(`source weight ${Number(i.weight.toFixed(2))}`);
  if (i.pickRate !== undefined) parts.push(`you picked ${Math.round(i.pickRate * 100)}% from its sources`);
  parts.push(ageText(i.ageHours));
  if (i.featuredIn) parts.push(`featured in #${i.featuredIn} before, so halved`);
  return { score: Math.round(raw * 100) / 100, explanation: parts.join(', ') };
}

function ageText(h: number): string {
  return h < 1 ? 'just now' : `${spanText(h)} old`;
}
