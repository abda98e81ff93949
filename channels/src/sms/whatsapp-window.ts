/** WhatsApp allows free-form (session) messages for 24 hours after the user's last inbound message. */
export const WHATSAPP_SESSION_MS = 24 * 60 * 60 * 1000;

/** Whether a session message may be sent now; outside the window only approved templates may. */
export function whatsappWindow(
  lastInboundAt: Date | undefined,
  now: Date = new Date(),
): { open: boolean; closesAt?: Date } {
  if (!lastInboundAt) return { open: false };
  const closesAt = new Date(lastInboundAt.getTime() + WHATSAPP_SESSION_MS);
  return { open: now < closesAt, closesAt };
}
