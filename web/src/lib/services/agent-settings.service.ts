import { kioskDb } from '$lib/offline/kiosk-db';
import { readKioskState } from '$lib/offline/kiosk-state';
import { agentSettingsSchema, handRevocations, type AgentSettings } from '$lib/print/agent.client';

/*
 * The paired agent's settings, apart from the print service so that the sync runner can hand
 * the agent its revocation feed without depending on the command queue (a cycle).
 */

/** Where the paired agent's settings are kept in the kiosk state. */
export const AGENT_KEY = 'agent';

/** The agent settings kept on this kiosk. */
export async function loadAgentSettings(): Promise<AgentSettings | undefined> {
  return readKioskState(kioskDb(), AGENT_KEY, agentSettingsSchema);
}

/** The last feed the paired agent took: the server reuses a signed feed, no need to resend it. */
let lastHandedFeed: string | undefined;

/**
 * Hands the dealer's revocation feed the last pull carried to the paired agent (at each sync).
 * Nothing paired: nothing to do. A failure (agent off, older agent) throws for the caller to
 * ignore; the next sync tries again, the pull carrying the feed every time.
 */
export async function handRevocationsToAgent(feed: string): Promise<void> {
  if (feed === lastHandedFeed) return;
  const settings = await loadAgentSettings();
  if (!settings?.token) return;
  await handRevocations(settings, feed);
  lastHandedFeed = feed;
}
