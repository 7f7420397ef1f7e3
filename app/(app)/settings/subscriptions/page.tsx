import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { getSubscriptionDelivery } from "@/lib/subscriptions/subscription-delivery";
import { SubscriptionDeliveryForm } from "@/components/subscriptions/subscription-delivery-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Subscriptions" };

export default async function SubscriptionSettingsPage() {
  const actor = await pageActor();
  const delivery = await forPage(getSubscriptionDelivery({ actor }));
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Subscriptions</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        A template’s /cc line copies you on its runs: you are informed, never asked to acknowledge. Choose
        whether you hear about them by email; either way you can open the runs you are copied on here.
      </p>
      <SubscriptionDeliveryForm delivery={delivery} />
    </div>
  );
}
