import type { ReactNode } from "react";

/** A named set of checkboxes whose values are codes (events, scopes), with its error beside it. */
export function CheckboxGroup({
  legend,
  name,
  values,
  checked = false,
  checkedValues,
  labelOf,
  error,
  className = "",
}: {
  legend: string;
  name: string;
  values: readonly string[];
  /** Whether every box starts ticked. */
  checked?: boolean;
  /** The boxes that start ticked, when not all or none. */
  checkedValues?: readonly string[];
  /** What a box says, when its value is not a code to show as is (a person's id). */
  labelOf?: (value: string) => ReactNode;
  error?: string | null;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {values.map((value) => (
          <label key={value} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              name={name}
              value={value}
              defaultChecked={checkedValues ? checkedValues.includes(value) : checked}
            />
            {labelOf ? labelOf(value) : <code>{value}</code>}
          </label>
        ))}
      </div>
      {error && <span className="block text-red-700">{error}</span>}
    </fieldset>
  );
}
