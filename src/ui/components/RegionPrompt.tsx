import { parseRegion } from '../../core/regions.js';
import { TextPrompt } from './TextPrompt.js';

/** A typed region, checked with the same rules as --region; submits only a well-formed id. */
export function RegionPrompt(props: { label: string; initial?: string; placeholder?: string; onRegion: (region: string) => void }) {
  return (
    <TextPrompt
      label={props.label}
      initial={props.initial}
      placeholder={props.placeholder}
      validate={(v) => {
        const r = parseRegion(v);
        return r.ok ? null : r.message;
      }}
      onSubmit={(v) => {
        const r = parseRegion(v);
        if (r.ok) props.onRegion(r.region);
      }}
    />
  );
}
