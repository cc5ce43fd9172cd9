// What the background's message handlers share: the handler's type, replies as values (`Reply`), and the tab id check.
import type { Runtime } from "../extension/api";
import type { MessageName, Reply, RequestOf, ResponseOf } from "../shared/messages";

type Handler<N extends MessageName> = (
  request: RequestOf<N>,
  sender: Runtime.MessageSender,
) => Promise<Reply<ResponseOf<N>>>;

export type HandlerMap = { [N in MessageName]: Handler<N> };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const bad = <T>(message: string): Reply<T> => ({ ok: false, error: { message, kind: "bad-request" } });

export const isTabId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
