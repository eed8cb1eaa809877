// The renderer's `api`, built from the table of operations over a transport: the Electron preload's
// checked invoke/subscribe, or the browser bridge's HTTP. Built in the page for both, so an error keeps
// its code whichever way it came.
import {
  CHANNELS,
  type ApiErrorCode,
  type Channel,
  type Envelope,
  type EventName,
  type EventPayloads,
  type RequestOf,
  type ResponseOf,
} from './contract';

/** All a front end needs of the core: what the preload exposes as `window.api`. */
export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Action<C extends string> = C extends `${string}:${infer A}` ? A : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/**
 * A request with nothing required may be left out: all its fields optional, or none at all (a strict
 * empty object reads as a record of `never`, which Partial<> does not extend).
 */
type NothingRequired<R> = Partial<R> extends R ? true : R extends Record<string, never> ? true : false;
type Call<C extends Channel> =
  NothingRequired<RequestOf<C>> extends true
    ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export type LeadEnricherApi = {
  [D in Domain<Channel>]: { [C in Channel as Domain<C> extends D ? Camel<Action<C>> : never]: Call<C> };
} & {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** "settings:test-api-key" → ["settings", "testApiKey"]. */
export function methodOf(channel: Channel): [string, string] {
  const [domain, action] = channel.split(':') as [string, string];
  return [domain, action.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
}

export function createApi(transport: Transport): LeadEnricherApi {
  async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const envelope = await transport.invoke(channel, request ?? {});
    if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
    return envelope.data as ResponseOf<C>;
  }
  const api: Record<string, unknown> = {
    invoke,
    on: (event: EventName, listener: (payload: never) => void) =>
      transport.subscribe(event, (payload) => listener(payload as never)),
  };
  for (const channel of CHANNELS) {
    const [domain, method] = methodOf(channel);
    const group = (api[domain] ??= {}) as Record<string, unknown>;
    group[method] = (request?: unknown) => invoke(channel, (request ?? {}) as never);
  }
  return api as LeadEnricherApi;
}
