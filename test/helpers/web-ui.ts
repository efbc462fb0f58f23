import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { projectRoot } from '../../src/stack/paths';

/**
 * Drives the real Temporal Web UI (2.42.1, as served by `temporal server start-dev` of CLI v1.5.1) the way an account
 * executive does, for browser tests. Selectors are the UI's labels, roles and the data-testids it ships; what each
 * step clicks is written next to it. Verified by hand against UI 2.42.1 (screenshots in test-artifacts/browser/).
 *
 * Start a workflow (page "Start a Workflow", /namespaces/<ns>/workflows/start-workflow):
 *   1. Workflows list → button "Start Workflow" (top right).
 *   2. Text boxes labelled "Workflow ID", "Task Queue", "Workflow Type" (ids workflowId/taskQueue/workflowType).
 *      After the task queue is typed a green "Task Queue is Active · N Worker(s)" box appears if a worker polls it.
 *   3. "Input" → "Data": a CodeMirror JSON editor (a div role=textbox, class cm-content). Encoding stays json/plain.
 *   4. Button "Start Workflow" (data-testid start-workflow-button). The page does NOT navigate: a toast
 *      "Workflow started successfully" appears bottom right (a link to the workflow page), or a toast "Error starting
 *      Workflow" with the reason in a red box under the form (e.g. "Workflow execution is already running. ...").
 *
 * Send an Update (workflow page, /namespaces/<ns>/workflows/<id>/<runId>/history):
 *   1. Tab "History" (data-testid history-tab), the page's default tab.
 *   2. Button "More Actions" (top right) → menu item "Send an Update" (data-testid update-button).
 *   3. Dialog "Send an Update": "Name" is a select (data-testid update-select-button) listing the updates the
 *      workflow registered (read through a running worker) plus "Custom"; with no worker it is a plain text box
 *      (data-testid update-name) instead. "Update ID (optional)" is prefilled with a UUID; "Data" is the same
 *      CodeMirror editor.
 *   4. Button "Submit" (data-testid confirm-modal-button). Success: the dialog closes and a toast "Update successful"
 *      appears (with no worker polling this toast also appears: the server only admitted the update). Refusal (validator threw, unknown update...): the dialog stays open and shows the error under the
 *      editor (a p role=alert inside the dialog).
 *
 * The letter-"r" quirk (reported: the Data editor loses every "r" typed while the User Metadata tab is open): the
 * helpers never type key by key into the editor. They insert the whole JSON with one `keyboard.insertText` (an input
 * event, no keydown, so no page-level shortcut can take a key), always open the workflow on its History tab, and read
 * the editor back, failing loudly if what it holds is not the JSON meant.
 *
 * The workflow page polls its history for ever, so waiting for network idle there never ends: the helpers wait for
 * specific elements instead.
 */

export interface StartWorkflowFromUiOptions {
  uiUrl: string;
  namespace: string;
  workflowId: string;
  taskQueue: string;
  workflowType: string;
  /** Sent as the workflow's single argument (the UI supports one JSON payload). */
  input: unknown;
}

export interface StartedFromUi {
  /** The workflow page the UI opened (…/workflows/<id>/<runId>/history). */
  url: string;
  runId: string;
}

export interface SendUpdateFromUiOptions {
  uiUrl: string;
  namespace: string;
  workflowId: string;
  updateName: string;
  arg: unknown;
}

export interface UpdateOutcome {
  /**
   * true when the UI reported "Update successful"; false when it showed an error in the dialog. Beware: with no
   * worker polling, UI 2.42 also says "Update successful" once the server has merely admitted the update; the
   * validator runs later, when a worker comes back (seen by hand). Check the workflow's outcome, not only this.
   */
  ok: boolean;
  /** The UI's text: "Update successful", or the error shown in the dialog (e.g. the validator's message). */
  text: string;
  /** Whether the UI listed the update by name (it could query the running workflow, so a worker was up). */
  listed: boolean;
}

const UI_TIMEOUT = 30_000;
/** An update waits for a worker to run its validator and handler. */
const UPDATE_TIMEOUT = 60_000;

const namespaceUrl = (uiUrl: string, namespace: string) =>
  `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}`;

/** Start Workflow from the namespace's workflow list, like an AE; returns once the workflow's page is shown. */
export async function startWorkflowFromUi(page: Page, options: StartWorkflowFromUiOptions): Promise<StartedFromUi> {
  const base = namespaceUrl(options.uiUrl, options.namespace);
  await page.goto(`${base}/workflows`);
  await page.getByRole('button', { name: 'Start Workflow', exact: true }).first().click({ timeout: UI_TIMEOUT });
  await page.waitForURL(/\/workflows\/start-workflow/, { timeout: UI_TIMEOUT });
  await page.getByRole('heading', { name: 'Start a Workflow' }).waitFor({ timeout: UI_TIMEOUT });

  await fillInput(page.getByLabel('Workflow ID', { exact: true }), options.workflowId);
  await fillInput(page.getByLabel('Task Queue', { exact: true }), options.taskQueue);
  await fillInput(page.getByLabel('Workflow Type', { exact: true }), options.workflowType);
  await fillJsonEditor(page, page.locator('body'), options.input);

  await page.getByRole('button', { name: 'Start Workflow', exact: true }).click();
  const started = page.getByRole('link', { name: 'Workflow started successfully' });
  const failed = page.getByText('Error starting Workflow');
  await started.or(failed).first().waitFor({ timeout: UI_TIMEOUT });
  if (await failed.isVisible()) {
    // The toast only says "Error starting Workflow"; the reason is in a red box under the form.
    const reason = page.locator('form [role=alert], main [role=alert]').filter({ hasText: /\S/ }).first();
    const text = (await reason.isVisible()) ? await reason.innerText() : await failed.innerText();
    throw new Error(`the Web UI could not start workflow ${options.workflowId}: ${text.replace(/\s+/g, ' ').trim()}`);
  }
  await started.click();
  const workflowPage = new RegExp(`/workflows/${escapeRegExp(encodeURIComponent(options.workflowId))}/([^/]+)/history`);
  await page.waitForURL(workflowPage, { timeout: UI_TIMEOUT });
  await page.getByRole('button', { name: 'More Actions' }).waitFor({ timeout: UI_TIMEOUT });
  const runId = workflowPage.exec(page.url())?.[1];
  if (!runId) throw new Error(`unexpected workflow page URL ${page.url()}`);
  return { url: page.url(), runId: decodeURIComponent(runId) };
}

/**
 * More Actions → Send an Update on the workflow's History tab. Returns what the UI said; does not throw on a
 * refusal, so a test can check that a validator's message reaches the AE.
 */
export async function sendUpdateFromUi(page: Page, options: SendUpdateFromUiOptions): Promise<UpdateOutcome> {
  const base = namespaceUrl(options.uiUrl, options.namespace);
  // /workflows/<id> redirects to the latest run's History tab; click the tab anyway so the quirk's tab is never open.
  await page.goto(`${base}/workflows/${encodeURIComponent(options.workflowId)}`);
  const historyTab = page.getByTestId('history-tab');
  await historyTab.click({ timeout: UI_TIMEOUT });
  await page.waitForURL(/\/history(\?|$)/, { timeout: UI_TIMEOUT });

  await page.getByRole('button', { name: 'More Actions' }).click({ timeout: UI_TIMEOUT });
  await page.getByRole('menuitem', { name: 'Send an Update' }).click();
  const dialog = page.locator('dialog[open]').filter({ has: page.getByRole('heading', { name: 'Send an Update' }) });
  await dialog.waitFor({ timeout: UI_TIMEOUT });

  // Name: with a worker polling, a select listing the updates the workflow registered (plus "Custom"); without one
  // (the UI cannot query the workflow's metadata) a plain text box "Name" (data-testid update-name).
  const select = dialog.getByTestId('update-select-button');
  const nameBox = dialog.getByTestId('update-name');
  await select.or(nameBox).first().waitFor({ timeout: UI_TIMEOUT });
  if (!(await select.isVisible())) {
    // The metadata query may still be on its way: give the select a moment to replace the text box.
    await select.waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
  const listed = await select.isVisible();
  if (listed) {
    await select.click();
    // An option reads "<name>" and, on the next line, the update's description when the workflow registered one.
    const options_ = dialog.getByRole('option');
    // The list renders a moment after the click: reading it at once can find no option at all.
    await options_.first().waitFor({ timeout: UI_TIMEOUT });
    const texts = await options_.allInnerTexts();
    const index = texts.findIndex((text) => text.split('\n')[0]?.trim() === options.updateName);
    const option = options_.nth(index);
    if (index < 0) {
      const listed = texts.map((t) => t.split('\n')[0]);
      throw new Error(
        `the Web UI does not list update "${options.updateName}" for ${options.workflowId} (listed: ${listed.join(', ') || 'none'})`,
      );
    }
    await option.click();
  } else {
    await fillInput(nameBox, options.updateName);
  }
  await fillJsonEditor(page, dialog, options.arg);

  await dialog.getByRole('button', { name: 'Submit' }).click();
  const success = page.getByText('Update successful');
  const error = dialog.locator('[role=alert]').filter({ hasText: /\S/ });
  try {
    await success.or(error).first().waitFor({ timeout: UPDATE_TIMEOUT });
  } catch {
    throw new Error(
      `the Web UI showed neither "Update successful" nor an error within ${UPDATE_TIMEOUT / 1000} s after Submit ` +
        `(update "${options.updateName}" on ${options.workflowId}); is a worker running?`,
    );
  }
  if (await success.isVisible()) return { ok: true, text: (await success.innerText()).trim(), listed };
  return { ok: false, text: (await error.innerText()).trim(), listed };
}

/** A full-page PNG in test-artifacts/browser/<name>.png (gitignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(projectRoot(), 'test-artifacts', 'browser');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function fillInput(input: Locator, value: string): Promise<void> {
  await input.fill(value, { timeout: UI_TIMEOUT });
  const actual = await input.inputValue();
  if (actual !== value) throw new Error(`the Web UI field holds "${actual}" instead of "${value}"`);
}

/**
 * The UI's JSON editors are CodeMirror 6: typed "{" or '"' get auto-closed, Enter auto-indents, and keystrokes can
 * be caught by page shortcuts. So: focus the editor, select all, insert the whole text in one input event
 * (keyboard.insertText), then read it back and compare as JSON.
 */
async function fillJsonEditor(page: Page, scope: Locator, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) throw new Error('the Web UI can only send a JSON value (got undefined)');
  const editor = scope.locator('.cm-content[contenteditable="true"]').first();
  await editor.click({ timeout: UI_TIMEOUT });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  const shown = await editor.innerText();
  let parsed: unknown;
  try {
    parsed = JSON.parse(shown);
  } catch {
    throw new Error(`the Web UI's JSON editor holds text that is not JSON:\n${shown}\n(meant:\n${text})`);
  }
  if (!isDeepStrictEqual(parsed, JSON.parse(text))) {
    throw new Error(`the Web UI's JSON editor holds different JSON:\n${shown}\n(meant:\n${text})`);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
