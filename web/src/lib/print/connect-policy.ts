/**
 * Runs `attempt` (a call to the agent at `url`) and tells whether the page's security policy
 * refused the connection: the server allows the kiosk's scripts to reach only the site's agents
 * (`COMPTOIR_AGENT_ORIGINS`), and a refused connection otherwise looks like an agent that does
 * not answer. Where the browser reports no such event, the answer is simply `false`.
 */
export async function whetherPolicyBlocks<T>(
  url: string,
  attempt: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; isBlockedByPolicy: boolean }> {
  const origin = new URL(url).origin;
  let isBlockedByPolicy = false;
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.effectiveDirective !== 'connect-src') return;
    try {
      if (new URL(event.blockedURI).origin === origin) isBlockedByPolicy = true;
    } catch {
      // A blocked URI the browser reports as a keyword ('inline'...) is not this call.
    }
  };
  const target = typeof document === 'undefined' ? undefined : document;
  target?.addEventListener('securitypolicyviolation', onViolation);
  try {
    const [outcome] = await Promise.allSettled([attempt()]);
    // The violation event is queued as a task: let it arrive before deciding.
    if (outcome?.status === 'rejected') await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      outcome: outcome ?? { status: 'rejected', reason: new Error('no outcome') },
      isBlockedByPolicy,
    };
  } finally {
    target?.removeEventListener('securitypolicyviolation', onViolation);
  }
}
