/** An on/off switch: a checkbox with a visible label (Space toggles it). */
import type { BooleanParam } from "../../src/lib/urlState";

interface Props {
  id: string;
  spec: BooleanParam;
  value: boolean;
  onChange: (value: boolean) => void;
}

export function Toggle({ id, spec, value, onChange }: Props) {
  return (
    <div class="control control-toggle">
      <input id={id} type="checkbox" checked={value} onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
        aria-describedby={spec.help ? `${id}-help` : undefined} />
      <label for={id}>{spec.label}</label>
      {spec.help && <p id={`${id}-help`} class="control-help">{spec.help}</p>}
    </div>
  );
}
