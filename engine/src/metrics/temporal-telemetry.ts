import { DefaultLogger, Runtime } from '@temporalio/worker';
import getPort from 'get-port';
import { config } from '../config.js';
import { logger } from '../logger.js';

let exporterAddress: Promise<string | undefined> | undefined;

/**
 * Installs the Temporal SDK runtime once per process, with its Prometheus exporter on
 * WAYMARK_TEMPORAL_METRICS_ADDRESS (host:port), else on a free loopback port: the engine's /metrics
 * appends what it serves, so one scrape per process covers both. Resolves to the exporter's
 * address, or undefined when a runtime was installed before (without the exporter).
 */
export function installTemporalRuntime(): Promise<string | undefined> {
  exporterAddress ??= (async () => {
    const bindAddress = config().temporalMetricsAddress ?? `127.0.0.1:${await getPort({ host: '127.0.0.1' })}`;
    try {
      Runtime.install({
        // The SDK logs worker lifecycle at INFO; keep the console for warnings and errors.
        logger: new DefaultLogger('WARN'),
        telemetryOptions: {
          metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true } },
        },
      });
      return bindAddress;
    } catch (error) {
      logger.warn({ err: error }, 'Temporal runtime was already installed: its worker metrics are not exported');
      return undefined;
    }
  })();
  return exporterAddress;
}

/** The Temporal SDK's metrics (its client's calls, a worker's tasks) in Prometheus text, or why there are none. */
export async function temporalMetricsText(): Promise<string> {
  const address = await exporterAddress;
  if (!address) return '# Temporal SDK metrics: its runtime was installed without the exporter\n';
  try {
    const response = await fetch(`http://${address.replace('0.0.0.0', '127.0.0.1')}/metrics`, {
      signal: AbortSignal.timeout(2_000),
    });
    return await response.text();
  } catch (error) {
    return `# Temporal worker metrics unavailable: ${(error as Error).message}\n`;
  }
}
