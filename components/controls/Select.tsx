/** One of a few choices, as a native select (keyboard and screen readers for free). */
import type { ChoiceParam } from "../../src/lib/urlState";

interface Props {
  id: string;
  spec: ChoiceParam;
  value: string;
  onChange: (value: string) => void;
}

export function Select({ id, spec, value, onChange }: Props) {
  return (
    <div class="control control-select">
      <label for={id}>{spec.label}</label>
      <select id={id} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
        aria-describedby={spec.help ? `${id}-help` : undefined}>
        {spec.options.map((option) => (
          <option value={option.value} key={option.value}>{option.label}</option>
        ))}
      </select>
      {spec.help && <p id={`${id}-help`} class="control-help">{spec.help}</p>}
    </div>
  );
}
