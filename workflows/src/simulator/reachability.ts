import type { Channel } from '../schema/templates.js';

/** Whether a profile (as the simulator holds it) has the address a channel needs. */
export function canReach(channel: Channel, profile: Record<string, unknown>): boolean {
  switch (channel) {
    case 'email':
      return typeof profile.email === 'string' && profile.email !== '';
    case 'sms':
    case 'whatsapp':
      return typeof profile.phone === 'string' && profile.phone !== '';
    case 'push':
      return Array.isArray(profile.devices) && profile.devices.length > 0;
    case 'webhook':
      return true;
  }
}
