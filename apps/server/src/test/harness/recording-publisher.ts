import type { Publisher, RealtimeMessage } from '../../realtime/publisher';

/** A publisher that keeps what it is given, to assert on what a write sent after COMMIT. */
export function recordingPublisher(): Publisher & { messages: RealtimeMessage[]; take(): RealtimeMessage[] } {
  const messages: RealtimeMessage[] = [];
  return {
    messages,
    publish: (batch) => void messages.push(...batch),
    endSession() {},
    take: () => messages.splice(0, messages.length),
  };
}
