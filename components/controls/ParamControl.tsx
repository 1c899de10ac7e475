/** Renders the right control for a parameter spec. */
import type { ParamSpec } from "../../src/lib/urlState";
import { NumberField } from "./NumberField";
import { Select } from "./Select";
import { Slider } from "./Slider";
import { Toggle } from "./Toggle";

interface Props {
  id: string;
  spec: ParamSpec;
  value: number | boolean | string;
  onChange: (value: number | boolean | string) => void;
  /** Numbers as a typed field instead of a slider. */
  asField?: boolean;
}

export function ParamControl({ id, spec, value, onChange, asField }: Props) {
  if (spec.kind === "number") {
    const Control = asField ? NumberField : Slider;
    return <Control id={id} spec={spec} value={value as number} onChange={onChange} />;
  }
  if (spec.kind === "boolean") return <Toggle id={id} spec={spec} value={value as boolean} onChange={onChange} />;
  return <Select id={id} spec={spec} value={value as string} onChange={onChange} />;
}
