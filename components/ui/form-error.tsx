/** A form's refusal, read out when it appears; nothing when there is none. */
export function FormError({
  error,
  className = "",
}: {
  error: string | null | undefined;
  className?: string;
}) {
  if (!error) return null;
  return (
    <p role="alert" className={`text-sm text-red-800 ${className}`}>
      {error}
    </p>
  );
}
