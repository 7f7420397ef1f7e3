import { AckPanel } from "@/components/acks/ack-panel";

export default function AckLinkNotValid() {
  return (
    <AckPanel title="This link is not valid">
      <p>
        It may have been mistyped, replaced by a newer link, or withdrawn. Ask the person running the change
        for a new link.
      </p>
    </AckPanel>
  );
}
