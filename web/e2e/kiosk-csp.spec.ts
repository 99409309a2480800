import { expect, signIn, test, waitForServiceWorker } from './fixtures';

/**
 * A script running in the kiosk (an injected one, say) can reach this server and the kiosk's
 * own agent, and nothing else: the server's narrowing policy stands beside the build's, online
 * and from the service worker's cached shell alike.
 */
test('the kiosk’s scripts reach this server and a loopback agent, no other host', async ({
  page,
}) => {
  await signIn(page, 'demo-generic');
  await waitForServiceWorker(page);
  const attempt = (url: string) =>
    page.evaluate(async (target) => {
      const blocked = new Promise<string>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) => resolve(`${event.effectiveDirective} ${event.blockedURI}`),
          { once: true },
        );
      });
      const outcome = fetch(target, { mode: 'no-cors' }).then(
        () => 'fetched',
        () => 'failed',
      );
      return Promise.race([
        blocked,
        outcome.then(async (result) => {
          // A refusal by policy fires its event alongside the failure: give it the turn.
          await new Promise((resolve) => setTimeout(resolve, 200));
          return result;
        }),
      ]);
    }, url);

  expect(await attempt('https://collector.example.com/steal')).toBe(
    'connect-src https://collector.example.com/steal',
  );
  expect(await attempt('/api/health')).toBe('fetched');

  // Pairing with an agent the site does not list says so, rather than "does not answer".
  await page.goto('/reglages');
  await page.getByLabel("Adresse de l'agent").fill('https://agent.other-garage.lan:9631');
  await page.getByLabel('Code de jumelage').fill('ABC-123');
  await page.getByRole('button', { name: 'Jumeler' }).click();
  await expect(
    page.getByText("Cette adresse d'agent n'est pas autorisée pour ce site"),
  ).toBeVisible();

  // The same from the shell the service worker serves offline.
  await page.context().setOffline(true);
  await page.reload();
  expect(await attempt('https://collector.example.com/again')).toBe(
    'connect-src https://collector.example.com/again',
  );
  await page.context().setOffline(false);
});
