import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

// Mistake: no @owner or @scope anywhere in this file, and no owners glob or CODEOWNERS rule covers it.
export const restartWorker = createTool({
  id: 'restart-worker',
  description: 'Restart a stuck queue worker',
  inputSchema: z.object({ worker: z.string() }),
  execute: async ({ worker }) => {
    await fetch(`https://ops.internal/workers/${worker}/restart`, { method: 'POST' });
    return { restarted: worker };
  },
});

export const opsAgent = new Agent({
  id: 'ops',
  name: 'Ops helper',
  instructions: 'Keep the support queue running.',
  model: 'openai/gpt-5-mini',
  tools: { restartWorker },
});
