#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startOpenAICompatibleServer } from '@kennel/llm-observability/testing';
import { startLocalAgent } from '@kennel/local-agent';
import { DEMO_MODEL } from './plugins.js';

/**
 * `pnpm demo`: the local agent (8126/8125), a demo stand-in LLM server, and the daemon, together.
 * The daemon runs in its own process so dd-trace does not trace the agent's intake. Ctrl-C stops all.
 */
const DEMO_REPLY = 'This is a canned reply from the kennel demo stand-in LLM server (not a real model).';
const env = process.env;
const say = (line: string) => process.stdout.write(`kennel demo: ${line}\n`);

async function realLlmPresent(): Promise<string | undefined> {
  if (env.OPENAI_API_KEY) return 'OPENAI_API_KEY is set';
  const ollama = env.OLLAMA_HOST ?? 'http://127.0.0.1:11434';
  try {
    const res = await fetch(`${ollama.startsWith('http') ? ollama : `http://${ollama}`}/api/tags`, { signal: AbortSignal.timeout(500) });
    if (res.ok) return `Ollama answers at ${ollama}`;
  } catch {
    /* no Ollama: use the stand-in */
  }
  return undefined;
}

async function main() {
  const agent = await startLocalAgent({ tracePort: Number(env.DD_TRACE_AGENT_PORT ?? 8126), statsdPort: Number(env.DD_DOGSTATSD_PORT ?? 8125) });
  say(`local agent on ${agent.url} (DogStatsD udp://${agent.host}:${agent.ports.statsd})`);

  const real = await realLlmPresent();
  const standIn = real ? undefined : await startOpenAICompatibleServer({ reply: DEMO_REPLY, models: [DEMO_MODEL] });
  say(real ? `${real}: using it instead of the demo stand-in` : `DEMO STAND-IN LLM (canned completions, not a real model) on ${standIn!.baseURL}`);

  const daemon = spawn(process.execPath, [fileURLToPath(new URL('./main.js', import.meta.url)), ...process.argv.slice(2)], {
    env: {
      ...env,
      DD_TRACE_AGENT_PORT: String(agent.ports.trace),
      DD_DOGSTATSD_PORT: String(agent.ports.statsd),
      ...(standIn ? { KENNEL_DAEMON_LLM_URL: standIn.baseURL } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  daemon.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk;
    const line = buffered.split('\n').find((l) => l.includes('"msg":"kennel daemon started"'));
    if (!line) return;
    buffered = '';
    const started = JSON.parse(line) as { api: string; web: string };
    say('');
    say(`page  ${started.web}`);
    say(`API   ${started.api}  (try ${started.api}/status)`);
    say('Ctrl-C stops the daemon, the agent and the stand-in.');
  });

  const stopAll = async () => {
    await standIn?.close();
    await agent.close();
  };
  const forward = (signal: NodeJS.Signals) => {
    if (daemon.exitCode === null) daemon.kill(signal === 'SIGINT' ? 'SIGTERM' : signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  daemon.once('exit', (code) => {
    void stopAll().then(() => {
      say(`stopped (daemon exit code ${code ?? 'signal'})`);
      process.exit(code ?? 0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`kennel demo: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
