import { humanize } from '../lib/format.ts';
import { Field } from './Field.tsx';

interface EnumFieldProps {
  label: string;
  values: readonly string[];
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string;
}

/** A select over an enum's values, with "Not set" first. */
export function EnumField({ label, values, value, onChange, error }: EnumFieldProps) {
  return (
    <Field label={label} error={error}>
      {(p) => (
        <select {...p} className="select" value={value} onChange={onChange}>
          <option value="">Not set</option>
          {values.map((x) => (
            <option key={x} value={x}>
              {humanize(x)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
