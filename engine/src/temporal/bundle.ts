import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Written by `npm run build` next to the engine's compiled code, so workers start without bundling. */
export const prebuiltBundlePath = fileURLToPath(new URL('../../dist/workflow-bundle.js', import.meta.url));

const workflowsModule = () => createRequire(import.meta.url).resolve('@waymark/workflows/temporal/workflows');

export async function buildWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: workflowsModule() });
}

/** The prebuilt bundle when present, else one bundled now (tests run from source). */
export async function workflowBundle(): Promise<{ code: string }> {
  if (existsSync(prebuiltBundlePath)) return { code: readFileSync(prebuiltBundlePath, 'utf8') };
  return buildWorkflowBundle();
}

/** Build step: node dist/temporal/bundle.js */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { code } = await buildWorkflowBundle();
  writeFileSync(prebuiltBundlePath, code);
  process.stdout.write(`workflow bundle: ${prebuiltBundlePath} (${Math.round(code.length / 1024)} KiB)\n`);
}
