// setViewport in every engine: WebKitGTK's WebDriver launcher has none, so there the window is sized
// until the page's viewport is the one asked for (scripts/test-browsers.mjs, webKitViewportPlugin).
import { executeServerCommand, setViewport as launcherSetViewport } from '@web/test-runner-commands';
import { engine } from './engine.js';

export async function setViewport(viewport: { width: number; height: number }): Promise<void> {
  if (engine !== 'webkit') return launcherSetViewport(viewport);
  await executeServerCommand('window-viewport', viewport);
  // The page sees the new size once it has laid out again.
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
