// Responses API streaming in the event sequence Codex accepts, on a drift-free timetable:
// token i is due at headersSentAt + firstTokenMs + i * interTokenMs (absolute deadlines).
import { performance } from 'node:perf_hooks';
import { type Call, baseHeaders, resetSocket } from './call.js';
import { completedResponse, messageItem, type ResponseIds } from './handlers/response-object.js';

export interface StreamPlan {
  model: string;
  ids: ResponseIds;
  tokens: string[];
  usage: { input_tokens: number; output_tokens: number };
  firstTokenMs: number;
  interTokenMs: number;
}

function waitUntil(deadline: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())));
}

export async function streamResponse(call: Call, plan: StreamPlan): Promise<void> {
  const { res } = call;
  res.writeHead(200, {
    ...baseHeaders(call),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  const headersSentAt = performance.now();

  let sequence = 0;
  const emit = (type: string, fields: Record<string, unknown>): void => {
    if (!res.destroyed) res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`);
  };
  const created = { ...completedResponse(plan.model, plan.ids, '', plan.usage), status: 'in_progress', output: [] };
  delete (created as { usage?: unknown }).usage;
  emit('response.created', { response: created });
  emit('response.output_item.added', { output_index: 0, item: messageItem(plan.ids.message, '', 'in_progress') });

  const fault = call.fault?.kind;
  const breakAt = fault === 'reset' || fault === 'truncate' || fault === 'malformedSse' ? Math.floor(plan.tokens.length / 2) : -1;
  for (let i = 0; i < plan.tokens.length; i++) {
    await waitUntil(headersSentAt + plan.firstTokenMs + i * plan.interTokenMs);
    if (res.destroyed) return;
    if (i === breakAt) {
      if (fault === 'reset') return resetSocket(call);
      if (fault === 'malformedSse') res.write('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":\n\n');
      res.end();
      return;
    }
    emit('response.output_text.delta', {
      item_id: plan.ids.message,
      output_index: 0,
      content_index: 0,
      delta: plan.tokens[i],
      logprobs: [],
    });
  }
  const text = plan.tokens.join('');
  emit('response.output_text.done', { item_id: plan.ids.message, output_index: 0, content_index: 0, text, logprobs: [] });
  emit('response.output_item.done', { output_index: 0, item: messageItem(plan.ids.message, text, 'completed') });
  emit('response.completed', { response: completedResponse(plan.model, plan.ids, text, plan.usage) });
  res.end();
}
