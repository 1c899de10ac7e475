/** A labelled range slider with its value shown; keyboard operable (arrows, Page Up/Down, Home/End). */
import type { NumberParam } from "../../src/lib/urlState";
import { formatParam, snapToStep } from "../../src/lib/urlState";

interface Props {
  id: string;
  spec: NumberParam;
  value: number;
  onChange: (value: number) => void;
}

export function Slider({ id, spec, value, onChange }: Props) {
  const scale = spec.displayScale ?? 1;
  const shown = formatParam(value, spec);
  return (
    <div class="control control-slider">
      <label for={id}>
        {spec.label} <output for={id} class="control-value">{shown}</output>
      </label>
      <input
        id={id}
        type="range"
        min={spec.min * scale}
        max={spec.max * scale}
        step={spec.step * scale}
        value={value * scale}
        aria-valuetext={shown}
        aria-describedby={spec.help ? `${id}-help` : undefined}
        onInput={(event) => {
          const raw = Number((event.currentTarget as HTMLInputElement).value) / scale;
          if (Number.isFinite(raw)) onChange(snapToStep(raw, spec));
        }}
      />
      {spec.help && <p id={`${id}-help`} class="control-help">{spec.help}</p>}
    </div>
  );
}
