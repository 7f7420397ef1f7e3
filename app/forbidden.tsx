import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-lg space-y-3 text-center">
      <h1 className="text-2xl font-semibold">You don&apos;t have permission</h1>
      <p className="text-slate-600">
        Your role does not allow this page. If you need it, ask an admin to change your role.
      </p>
      <Link href="/" className="inline-block text-blue-700 hover:underline">
        Back to the runs
      </Link>
    </div>
  );
}
