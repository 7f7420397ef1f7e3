// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Menu } from "@/components/ui/menu";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { useServerAction } from "@/components/ui/use-server-action";

afterEach(cleanup);

describe("Button", () => {
  it("is disabled and says so while pending", () => {
    const onClick = vi.fn();
    render(
      <Button pending pendingLabel="Saving…" onClick={onClick}>
        Save
      </Button>,
    );
    const b = screen.getByRole("button", { name: "Saving…" });
    expect(b).toHaveProperty("disabled", true);
    expect(b.getAttribute("aria-busy")).toBe("true");
    fireEvent.click(b);
    expect(onClick).not.toHaveBeenCalled();
  });

  it("is a plain button, not a submit, unless asked", () => {
    render(<Button>Go</Button>);
    expect(screen.getByRole("button", { name: "Go" }).getAttribute("type")).toBe("button");
  });
});

describe("Field", () => {
  it("labels its control and ties the error to it", () => {
    render(
      <Field label="Changeset Version" hint="X.Y" error="Use the form X.Y">
        <input name="version" />
      </Field>,
    );
    const input = screen.getByLabelText("Changeset Version");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = input.getAttribute("aria-describedby")!.split(" ");
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      "X.Y",
      "Use the form X.Y",
    ]);
  });

  it("is valid without an error", () => {
    render(
      <Field label="Name">
        <input />
      </Field>,
    );
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
  });
});

describe("FormError and Badge", () => {
  it("shows an alert only when there is an error", () => {
    const { rerender } = render(<FormError error={null} />);
    expect(screen.queryByRole("alert")).toBeNull();
    rerender(<FormError error="Nothing was changed." />);
    expect(screen.getByRole("alert").textContent).toBe("Nothing was changed.");
  });

  it("renders its word", () => {
    render(<Badge tone="bad">overdue</Badge>);
    expect(screen.getByText("overdue").className).toContain("bg-red-100");
  });
});

describe("ConfirmDialog", () => {
  it("confirms only after the exact text is typed", () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmDialog
        open
        onClose={() => {}}
        onConfirm={onConfirm}
        title="Close run #4?"
        confirmLabel="Close run"
        confirmText="#4"
      >
        Nothing can be ticked afterwards.
      </ConfirmDialog>,
    );
    const confirm = screen.getByRole("button", { name: "Close run", hidden: true });
    expect(confirm).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByLabelText(/Type/), { target: { value: "#4" } });
    expect(confirm).toHaveProperty("disabled", false);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("cancels without confirming", () => {
    const onConfirm = vi.fn();
    const onClose = vi.fn();
    render(
      <ConfirmDialog open onClose={onClose} onConfirm={onConfirm} title="Revoke?" confirmLabel="Revoke" />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Cancel", hidden: true }));
    expect(onClose).toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe("Menu", () => {
  it("opens, moves with the arrows, picks with a click and gives focus back", () => {
    const note = vi.fn();
    render(
      <Menu
        label="More actions for 1.2"
        items={[
          { label: "Assign…", onSelect: () => {} },
          { label: "Add note", onSelect: note },
        ]}
      />,
    );
    const button = screen.getByRole("button", { name: "More actions for 1.2" });
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const items = screen.getAllByRole("menuitem");
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.click(items[1]!);
    expect(note).toHaveBeenCalledOnce();
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("closes on Escape and returns focus to its button", () => {
    render(<Menu label="More" items={[{ label: "Skip…", onSelect: () => {} }]} />);
    const button = screen.getByRole("button", { name: "More" });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole("menuitem"), { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

describe("Toast", () => {
  function Shows() {
    const toast = useToast();
    return (
      <button
        onClick={() =>
          toast({ message: "Someone else changed 1.2", action: { label: "Jump to item", onClick: jump } })
        }
      >
        show
      </button>
    );
  }
  const jump = vi.fn();

  it("announces a message with its action, which dismisses it", () => {
    render(
      <ToastProvider>
        <Shows />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByText("show"));
    const region = screen.getByTestId("toasts");
    expect(region.textContent).toContain("Someone else changed 1.2");
    fireEvent.click(screen.getByRole("button", { name: "Jump to item" }));
    expect(jump).toHaveBeenCalledOnce();
    expect(region.textContent).not.toContain("Someone else changed 1.2");
  });
});

describe("useServerAction", () => {
  function Form({
    action,
  }: {
    action: () => Promise<
      | { ok: false; error: string; code: string; fieldErrors: Record<string, string[]> }
      | { ok: true; data: number }
    >;
  }) {
    const a = useServerAction();
    return (
      <div>
        <button onClick={() => a.run(action)}>send</button>
        <FormError error={a.error} />
        <span data-testid="field">{a.fieldError("reason")}</span>
      </div>
    );
  }

  it("keeps the refusal and its field errors, then clears them on success", async () => {
    const action = vi
      .fn()
      .mockResolvedValueOnce({
        ok: false,
        error: "Refused.",
        code: "validation",
        fieldErrors: { reason: ["Required"] },
      })
      .mockResolvedValueOnce({ ok: true, data: 1 });
    render(<Form action={action} />);
    await act(async () => fireEvent.click(screen.getByText("send")));
    expect(screen.getByRole("alert").textContent).toBe("Refused.");
    expect(screen.getByTestId("field").textContent).toBe("Required");
    await act(async () => fireEvent.click(screen.getByText("send")));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("field").textContent).toBe("");
  });
});

describe("CheckboxGroup", () => {
  it("names its boxes by their values under its legend, ticked or not, with its error beside them", () => {
    render(
      <CheckboxGroup legend="Scopes" name="scopes" values={["runs.read", "runs.write"]} error="Pick one" />,
    );
    const group = screen.getByRole("group", { name: "Scopes" });
    const boxes = screen.getAllByRole("checkbox");
    expect(boxes.map((b) => (b as HTMLInputElement).value)).toEqual(["runs.read", "runs.write"]);
    expect(boxes.every((b) => !(b as HTMLInputElement).checked)).toBe(true);
    expect(group.textContent).toContain("Pick one");
    cleanup();
    render(<CheckboxGroup legend="Events" name="events" values={["run.closed"]} checked />);
    expect((screen.getByRole("checkbox", { name: "run.closed" }) as HTMLInputElement).checked).toBe(true);
  });
});

describe("ShownOnceSecret", () => {
  it("shows the secret with its message, copies it, and hides on request", async () => {
    const onDone = vi.fn();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<ShownOnceSecret message="Shown once." secret="whsec_abc" testId="s" onDone={onDone} />);
    expect(screen.getByRole("status").textContent).toContain("Shown once.");
    expect(screen.getByTestId("s").textContent).toBe("whsec_abc");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy" })));
    expect(writeText).toHaveBeenCalledWith("whsec_abc");
    expect(screen.getByRole("button", { name: "Copied" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "I have stored it" }));
    expect(onDone).toHaveBeenCalledOnce();
  });
});
