/**
 * `executeServerCommand('emulate-forced-colors', { active })`: turns Chromium's forced-colors
 * emulation on or off for the calling test page. `emulateMedia({ forcedColors })` from
 * @web/test-runner-commands does not reach Chromium through chromeLauncher, so this sends the CDP
 * command itself. The CDP session is kept open per page: detaching it would end the emulation.
 */
export function forcedColorsPlugin() {
  const sessions = new Map();
  return {
    name: 'forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      let client = sessions.get(page);
      if (!client) {
        client = await page.createCDPSession();
        sessions.set(page, client);
        page.once('close', () => sessions.delete(page));
      }
      await client.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}
