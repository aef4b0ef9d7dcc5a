type Listener = (...args: unknown[]) => void;

/**
 * Stands in for the Socket.IO connection (the other network edge besides fetch): the app's own
 * code registers its handlers on it, and a test plays the server with `serverEmit`.
 */
export class FakeSocket {
  connected = false;
  active = false;
  recovered = false;
  readonly sent: { name: string; payload: unknown }[] = [];
  private listeners = new Map<string, Set<Listener>>();

  on(name: string, listener: Listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)?.add(listener);
    return this;
  }
  off(name: string, listener: Listener) {
    this.listeners.get(name)?.delete(listener);
    return this;
  }
  removeAllListeners() {
    this.listeners.clear();
    return this;
  }
  emit(name: string, payload: unknown) {
    this.sent.push({ name, payload });
    return this;
  }
  connect() {
    this.active = true;
    this.connected = true;
    this.serverEmit('connect');
    return this;
  }
  disconnect() {
    this.active = false;
    this.connected = false;
    return this;
  }
  /** Delivers a server → client event to the app's handlers. */
  serverEmit(name: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(...args);
  }
}
