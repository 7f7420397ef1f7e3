import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-700 hover:text-white",
  dangerSolid: "bg-red-700 text-white hover:bg-red-800",
  go: "bg-emerald-800 text-white hover:bg-emerald-900",
  link: "text-blue-700 underline hover:text-blue-900",
} as const;

const SIZES = { sm: "px-2 py-0.5 text-xs", md: "px-3 py-1.5 text-sm" } as const;

export type ButtonVariant = keyof typeof VARIANTS;

/**
 * The one button. At least 24 px tall (a finger on a phone); `pending` disables it and can
 * swap its label, so a double click cannot send twice.
 */
export function Button({
  variant = "secondary",
  size = "md",
  pending = false,
  pendingLabel,
  className = "",
  type = "button",
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  pending?: boolean;
  pendingLabel?: string;
}) {
  const shape = variant === "link" ? "min-h-6 text-sm" : `min-h-6 rounded font-medium ${SIZES[size]}`;
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`${shape} ${VARIANTS[variant]} disabled:cursor-not-allowed disabled:opacity-60 ${className}`}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
