import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg space-y-3 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">There is nothing at this address, or it is no longer here.</p>
      <Link href="/" className="inline-block text-blue-700 hover:underline">
        Back to the runs
      </Link>
    </div>
  );
}
