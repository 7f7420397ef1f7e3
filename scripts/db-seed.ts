import { seed } from "@/prisma/seed";
import { db } from "@/lib/db";

await seed();
await db().$disconnect();
