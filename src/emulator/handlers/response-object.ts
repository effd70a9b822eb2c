// Responses API objects shared by the JSON and the SSE answers.

export interface ResponseIds {
  response: string;
  message: string;
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed') {
  return {
    id,
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'completed' ? [{ type: 'output_text', text, annotations: [] }] : [],
  };
}

export function completedResponse(model: string, ids: ResponseIds, text: string, usage: { input_tokens: number; output_tokens: number }) {
  return {
    id: ids.response,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model,
    output: [messageItem(ids.message, text, 'completed')],
    usage: { ...usage, total_tokens: usage.input_tokens + usage.output_tokens },
  };
}
