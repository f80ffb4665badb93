// Profile bootstrap: discovery against the test's fake servers, metrics + event to the agent.
import { report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel({ tracing: false });
  const result = await kennel.get('llm-observability').bootstrapProfiles({
    ollamaUrl: process.env.OLLAMA_URL,
    openaiCompatibleUrls: [process.env.OPENAI_BASE_URL],
    env: { ANTHROPIC_API_KEY: 'set-but-never-logged' },
    timeoutMs: 500,
  });
  await kennel.shutdown();
  return { best: result.best?.name, total: result.totalAvailable, names: result.profiles.map((p) => p.name) };
});
