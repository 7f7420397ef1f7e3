import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

type ControlProps = { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

/**
 * A labelled control with its hint and its error beside it (not in a banner far away): the
 * control gets an id, `aria-describedby` pointing at both, and `aria-invalid` with an error.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className = "",
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | string[] | null;
  children: ReactElement<ControlProps>;
  className?: string;
}) {
  const id = useId();
  const message = Array.isArray(error) ? error.join(", ") : error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: children.props.id ?? id,
        "aria-describedby": describedBy,
        "aria-invalid": message ? true : undefined,
      })
    : children;
  const controlId = (isValidElement(children) && children.props.id) || id;
  return (
    <div className={`block text-sm ${className}`}>
      <label htmlFor={controlId} className="block font-medium">
        {label}
      </label>
      {control}
      {hint && (
        <span id={hintId} className="block text-xs text-slate-600">
          {hint}
        </span>
      )}
      {message && (
        <span id={errorId} className="block text-red-800" data-testid="field-error">
          {message}
        </span>
      )}
    </div>
  );
}

/** The input style every form shares. */
export const inputClass = "mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1";
