/**
 * Typed TT-API client. One process-wide client owns the configuration and the circuit breaker;
 * each GraphQL request takes a view with `client.forRequest()`, which sends identical GETs once
 * (in-flight and settled GET promises are memoized by URL for the view's lifetime) while sharing
 * the breaker with every other request.
 *
 * Errors are always NexusErrors: TT-API 400 -> BAD_USER_INPUT (with the upstream field problems),
 * 404 -> NOT_FOUND, 409 -> CONFLICT, 429 -> RATE_LIMITED; 401/403, 5xx, timeouts, network errors,
 * malformed answers and an open circuit -> UPSTREAM_UNAVAILABLE.
 */
import { z } from 'zod';
import type { CircuitBreaker, Clock } from './circuit-breaker.ts';
import { ttApiClientConfigSchema } from './client-config.ts';
import type { TtApiClientConfig, TtApiClientConfigInput, TtApiLogger } from './client-config.ts';
import { TT_REQUEST_ID_HEADER, deletedResponse, listResponse, ttResources, ttResponses, ttRoutes } from './contract.ts';
import type {
  AddGroupMemberInput,
  CreateGroupMilestoneInput,
  CreateVendorCommissionRuleInput,
  CreateVendorContractInput,
  UpdateGroupMemberInput,
  UpdateGroupMilestoneInput,
  UpdateVendorCommissionRuleInput,
  UpdateVendorContractInput,
  CalculateCommissionInput,
  CommissionCalculation,
  CommissionList,
  CommissionSummary,
  CreateBookingPaymentInput,
  CreateOf,
  Deleted,
  GroupMember,
  Health,
  ListQueryOf,
  ListResult,
  Payment,
  ResourceDef,
  TopOpportunities,
  UpdateOf,
  commissionSummaryQuerySchema,
} from './contract.ts';
import { TtTransport } from './transport.ts';
import type { HttpMethod, QueryValue, TtRequest } from './transport.ts';

const R = ttResources;
type R = typeof ttResources;

export interface TtApiClientDeps {
  logger: TtApiLogger;
  /** Injectable time for the breaker (tests). */
  clock?: Clock;
  /** Share an existing breaker (e.g. several client instances for one upstream). */
  breaker?: CircuitBreaker;
  fetch?: typeof fetch;
}

export interface RequestViewOptions {
  /** Forwarded as X-Request-Id so TT-API logs can be joined with ours. */
  requestId?: string;
}

export function createTtApiClient(config: TtApiClientConfigInput, deps: TtApiClientDeps): TtApiClient {
  return new TtApiClient(new TtTransport(ttApiClientConfigSchema.parse(config), deps), null, {});
}

const enc = encodeURIComponent;

export class TtApiClient {
  readonly #transport: TtTransport;
  /** GET dedupe for one request; null on the process-wide client. */
  readonly #memo: Map<string, Promise<unknown>> | null;
  readonly #headers: Readonly<Record<string, string>>;

  constructor(transport: TtTransport, memo: Map<string, Promise<unknown>> | null, headers: Record<string, string>) {
    this.#transport = transport;
    this.#memo = memo;
    this.#headers = headers;
  }

  /** The process-wide breaker: state, counts and `onStateChange` for integration health. */
  get breaker(): CircuitBreaker {
    return this.#transport.breaker;
  }

  get config(): TtApiClientConfig {
    return this.#transport.config;
  }

  /** A view for one incoming request: dedupes identical GETs, shares the breaker. */
  forRequest(options: RequestViewOptions = {}): TtApiClient {
    const headers: Record<string, string> = {};
    if (options.requestId !== undefined) headers[TT_REQUEST_ID_HEADER] = options.requestId;
    return new TtApiClient(this.#transport, new Map(), headers);
  }

  // ------------------------------------------------------------------------------------------
  // Core
  // ------------------------------------------------------------------------------------------
  async #get<T>(req: Omit<TtRequest<T>, 'method'>): Promise<T> {
    const full: TtRequest<T> = { ...req, method: 'GET' };
    const memo = this.#memo;
    if (memo === null) return this.#transport.request(full, this.#headers);
    const key = memoKey(req.path, req.query);
    const hit = memo.get(key);
    // Re-validating the shared value keeps the types honest at negligible cost.
    if (hit !== undefined) return hit.then((v) => req.schema.parse(v));
    const promise = this.#transport.request(full, this.#headers);
    memo.set(key, promise);
    promise.catch(() => {
      // A failure is not cached: a later call in the same request may try again.
      if (memo.get(key) === promise) memo.delete(key);
    });
    return promise;
  }

  #send<T>(method: Exclude<HttpMethod, 'GET'>, req: Omit<TtRequest<T>, 'method'>): Promise<T> {
    // Reads after a write in the same request must see the write.
    this.#memo?.clear();
    return this.#transport.request({ ...req, method }, this.#headers);
  }

  #list<E>(r: { path: string; entity: z.ZodType<E> }, query: object | undefined): Promise<ListResult<E>> {
    return this.#get({ path: r.path, query: toQuery(query), schema: listOf(r.entity) });
  }

  async #detail<T>(r: { path: string; name: string; detail: z.ZodType<T> }, id: string): Promise<T> {
    const res = await this.#get({
      path: `${r.path}/${enc(id)}`,
      schema: dataOf(r.detail),
      notFound: { what: r.name, id },
    });
    return res.data;
  }

  async #create<T>(r: { path: string; detail: z.ZodType<T> }, input: unknown): Promise<T> {
    const res = await this.#send('POST', { path: r.path, body: input, schema: dataOf(r.detail) });
    return res.data;
  }

  async #update<T>(r: { path: string; name: string; detail: z.ZodType<T> }, id: string, input: unknown): Promise<T> {
    const res = await this.#send('PATCH', {
      path: `${r.path}/${enc(id)}`,
      body: input,
      schema: dataOf(r.detail),
      notFound: { what: r.name, id },
    });
    return res.data;
  }

  async #remove(r: ResourceDef, id: string): Promise<Deleted> {
    const res = await this.#send('DELETE', {
      path: `${r.path}/${enc(id)}`,
      schema: deletedResponse,
      notFound: { what: r.name, id },
    });
    return res.data;
  }

  // ------------------------------------------------------------------------------------------
  // Health (public, bypasses the breaker so it can probe while the circuit is open)
  // ------------------------------------------------------------------------------------------
  health(): Promise<Health> {
    return this.#transport.request(
      { method: 'GET', path: ttRoutes.health, schema: ttResponses.health, probe: true, acceptStatuses: [503] },
      this.#headers,
    );
  }

  // ------------------------------------------------------------------------------------------
  // CRM
  // ------------------------------------------------------------------------------------------
  listCompanies = (q?: ListQueryOf<R['companies']>) => this.#list(R.companies, q);
  getCompany = (id: string) => this.#detail(R.companies, id);
  createCompany = (input: CreateOf<R['companies']>) => this.#create(R.companies, input);
  updateCompany = (id: string, input: UpdateOf<R['companies']>) => this.#update(R.companies, id, input);
  deleteCompany = (id: string) => this.#remove(R.companies, id);

  listContacts = (q?: ListQueryOf<R['contacts']>) => this.#list(R.contacts, q);
  getContact = (id: string) => this.#detail(R.contacts, id);
  createContact = (input: CreateOf<R['contacts']>) => this.#create(R.contacts, input);
  updateContact = (id: string, input: UpdateOf<R['contacts']>) => this.#update(R.contacts, id, input);
  deleteContact = (id: string) => this.#remove(R.contacts, id);

  listDeals = (q?: ListQueryOf<R['deals']>) => this.#list(R.deals, q);
  /** With the stage history, oldest first. */
  getDeal = (id: string) => this.#detail(R.deals, id);
  createDeal = (input: CreateOf<R['deals']>) => this.#create(R.deals, input);
  updateDeal = (id: string, input: UpdateOf<R['deals']>) => this.#update(R.deals, id, input);
  deleteDeal = (id: string) => this.#remove(R.deals, id);

  // ------------------------------------------------------------------------------------------
  // Clients and travelers
  // ------------------------------------------------------------------------------------------
  listClients = (q?: ListQueryOf<R['clients']>) => this.#list(R.clients, q);
  /** With addresses and family groups. */
  getClient = (id: string) => this.#detail(R.clients, id);
  createClient = (input: CreateOf<R['clients']>) => this.#create(R.clients, input);
  updateClient = (id: string, input: UpdateOf<R['clients']>) => this.#update(R.clients, id, input);
  deleteClient = (id: string) => this.#remove(R.clients, id);

  listClientAddresses = (q?: ListQueryOf<R['clientAddresses']>) => this.#list(R.clientAddresses, q);
  createClientAddress = (input: CreateOf<R['clientAddresses']>) => this.#create(R.clientAddresses, input);
  updateClientAddress = (id: string, input: UpdateOf<R['clientAddresses']>) =>
    this.#update(R.clientAddresses, id, input);
  deleteClientAddress = (id: string) => this.#remove(R.clientAddresses, id);

  listFamilyGroups = (q?: ListQueryOf<R['familyGroups']>) => this.#list(R.familyGroups, q);
  getFamilyGroup = (id: string) => this.#detail(R.familyGroups, id);
  createFamilyGroup = (input: CreateOf<R['familyGroups']>) => this.#create(R.familyGroups, input);
  updateFamilyGroup = (id: string, input: UpdateOf<R['familyGroups']>) => this.#update(R.familyGroups, id, input);

  listLoyaltyPrograms = (q?: ListQueryOf<R['loyaltyPrograms']>) => this.#list(R.loyaltyPrograms, q);
  createLoyaltyProgram = (input: CreateOf<R['loyaltyPrograms']>) => this.#create(R.loyaltyPrograms, input);
  updateLoyaltyProgram = (id: string, input: UpdateOf<R['loyaltyPrograms']>) =>
    this.#update(R.loyaltyPrograms, id, input);

  listTravelers = (q?: ListQueryOf<R['travelers']>) => this.#list(R.travelers, q);
  /** With documents, preferences, emergency contacts and loyalty programs. */
  getTraveler = (id: string) => this.#detail(R.travelers, id);
  createTraveler = (input: CreateOf<R['travelers']>) => this.#create(R.travelers, input);
  updateTraveler = (id: string, input: UpdateOf<R['travelers']>) => this.#update(R.travelers, id, input);
  deleteTraveler = (id: string) => this.#remove(R.travelers, id);

  /** Documents across travelers (Nexus assumption, see the contract): passports by expiry. */
  listTravelDocuments = (q?: ListQueryOf<R['travelDocuments']>) => this.#list(R.travelDocuments, q);
  createTravelDocument = (input: CreateOf<R['travelDocuments']>) => this.#create(R.travelDocuments, input);
  updateTravelDocument = (id: string, input: UpdateOf<R['travelDocuments']>) =>
    this.#update(R.travelDocuments, id, input);
  deleteTravelDocument = (id: string) => this.#remove(R.travelDocuments, id);

  // Read-only modules (analytics, social, touchpoints, activities, content).
  listAnalyticsEvents = (q?: ListQueryOf<R['analyticsEvents']>) => this.#list(R.analyticsEvents, q);
  listKpiSnapshots = (q?: ListQueryOf<R['kpiSnapshots']>) => this.#list(R.kpiSnapshots, q);
  listSocialPosts = (q?: ListQueryOf<R['socialPosts']>) => this.#list(R.socialPosts, q);
  listTouchpoints = (q?: ListQueryOf<R['touchpoints']>) => this.#list(R.touchpoints, q);
  listActivities = (q?: ListQueryOf<R['activities']>) => this.#list(R.activities, q);
  listContent = (q?: ListQueryOf<R['content']>) => this.#list(R.content, q);
  getContent = (id: string) => this.#detail(R.content, id);

  listEmergencyContacts = (q?: ListQueryOf<R['emergencyContacts']>) => this.#list(R.emergencyContacts, q);
  createEmergencyContact = (input: CreateOf<R['emergencyContacts']>) => this.#create(R.emergencyContacts, input);
  updateEmergencyContact = (id: string, input: UpdateOf<R['emergencyContacts']>) =>
    this.#update(R.emergencyContacts, id, input);
  deleteEmergencyContact = (id: string) => this.#remove(R.emergencyContacts, id);

  // ------------------------------------------------------------------------------------------
  // Catalogue, trips, bookings, groups
  // ------------------------------------------------------------------------------------------
  listDestinations = (q?: ListQueryOf<R['destinations']>) => this.#list(R.destinations, q);
  getDestination = (id: string) => this.#detail(R.destinations, id);

  listTripOfferings = (q?: ListQueryOf<R['trips']>) => this.#list(R.trips, q);
  /** With itinerary legs by day. */
  getTripOffering = (id: string) => this.#detail(R.trips, id);
  createTripOffering = (input: CreateOf<R['trips']>) => this.#create(R.trips, input);
  updateTripOffering = (id: string, input: UpdateOf<R['trips']>) => this.#update(R.trips, id, input);
  deleteTripOffering = (id: string) => this.#remove(R.trips, id);

  listClientTrips = (q?: ListQueryOf<R['clientTrips']>) => this.#list(R.clientTrips, q);
  getClientTrip = (id: string) => this.#detail(R.clientTrips, id);
  createClientTrip = (input: CreateOf<R['clientTrips']>) => this.#create(R.clientTrips, input);
  updateClientTrip = (id: string, input: UpdateOf<R['clientTrips']>) => this.#update(R.clientTrips, id, input);
  deleteClientTrip = (id: string) => this.#remove(R.clientTrips, id);

  listBookings = (q?: ListQueryOf<R['bookings']>) => this.#list(R.bookings, q);
  getBooking = (id: string) => this.#detail(R.bookings, id);
  createBooking = (input: CreateOf<R['bookings']>) => this.#create(R.bookings, input);
  updateBooking = (id: string, input: UpdateOf<R['bookings']>) => this.#update(R.bookings, id, input);
  deleteBooking = (id: string) => this.#remove(R.bookings, id);

  /** POST /api/bookings/:id/payments. Never retried (not idempotent). */
  async createBookingPayment(bookingId: string, input: CreateBookingPaymentInput): Promise<Payment> {
    const res = await this.#send('POST', {
      path: ttRoutes.bookingPayments.replace(':id', enc(bookingId)),
      body: input,
      schema: ttResponses.bookingPayment,
      notFound: { what: R.bookings.name, id: bookingId },
    });
    return res.data;
  }

  listGroups = (q?: ListQueryOf<R['groups']>) => this.#list(R.groups, q);
  /** With members and milestones. */
  getGroup = (id: string) => this.#detail(R.groups, id);
  createGroup = (input: CreateOf<R['groups']>) => this.#create(R.groups, input);
  updateGroup = (id: string, input: UpdateOf<R['groups']>) => this.#update(R.groups, id, input);
  deleteGroup = (id: string) => this.#remove(R.groups, id);

  async addGroupMember(groupId: string, input: AddGroupMemberInput): Promise<GroupMember> {
    const res = await this.#send('POST', {
      path: ttRoutes.groupMembers.replace(':id', enc(groupId)),
      body: input,
      schema: ttResponses.groupMember,
      notFound: { what: R.groups.name, id: groupId },
    });
    return res.data;
  }

  /**
   * A write to a row nested under a parent (`/api/groups/:id/members/:childId`): never retried,
   * NOT_FOUND names the parent when it is missing, else the child.
   */
  async #childWrite<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    route: string,
    ids: { id: string; childId?: string },
    body: unknown,
    schema: z.ZodType<{ data: T }>,
    notFound: { what: string; id: string },
  ): Promise<T> {
    const path = route.replace(':id', enc(ids.id)).replace(':childId', enc(ids.childId ?? ''));
    const res = await this.#send(method, { path, body, schema, notFound });
    return res.data;
  }
  #childRemove(route: string, id: string, childId: string, what: string) {
    return this.#childWrite<Deleted>('DELETE', route, { id, childId }, undefined, deletedResponse, {
      what,
      id: childId,
    });
  }

  updateGroupMember = (groupId: string, memberId: string, input: UpdateGroupMemberInput) =>
    this.#childWrite(
      'PATCH',
      ttRoutes.groupMember,
      { id: groupId, childId: memberId },
      input,
      ttResponses.groupMember,
      {
        what: 'GroupMember',
        id: memberId,
      },
    );
  removeGroupMember = (groupId: string, memberId: string) =>
    this.#childRemove(ttRoutes.groupMember, groupId, memberId, 'GroupMember');
  createGroupMilestone = (groupId: string, input: CreateGroupMilestoneInput) =>
    this.#childWrite('POST', ttRoutes.groupMilestones, { id: groupId }, input, ttResponses.groupMilestone, {
      what: R.groups.name,
      id: groupId,
    });
  updateGroupMilestone = (groupId: string, milestoneId: string, input: UpdateGroupMilestoneInput) =>
    this.#childWrite(
      'PATCH',
      ttRoutes.groupMilestone,
      { id: groupId, childId: milestoneId },
      input,
      ttResponses.groupMilestone,
      { what: 'GroupMilestone', id: milestoneId },
    );
  removeGroupMilestone = (groupId: string, milestoneId: string) =>
    this.#childRemove(ttRoutes.groupMilestone, groupId, milestoneId, 'GroupMilestone');

  createVendorCommissionRule = (vendorId: string, input: CreateVendorCommissionRuleInput) =>
    this.#childWrite(
      'POST',
      ttRoutes.vendorCommissionRules,
      { id: vendorId },
      input,
      ttResponses.vendorCommissionRule,
      {
        what: R.vendors.name,
        id: vendorId,
      },
    );
  updateVendorCommissionRule = (vendorId: string, ruleId: string, input: UpdateVendorCommissionRuleInput) =>
    this.#childWrite(
      'PATCH',
      ttRoutes.vendorCommissionRule,
      { id: vendorId, childId: ruleId },
      input,
      ttResponses.vendorCommissionRule,
      { what: 'VendorCommissionRule', id: ruleId },
    );
  removeVendorCommissionRule = (vendorId: string, ruleId: string) =>
    this.#childRemove(ttRoutes.vendorCommissionRule, vendorId, ruleId, 'VendorCommissionRule');
  createVendorContract = (vendorId: string, input: CreateVendorContractInput) =>
    this.#childWrite('POST', ttRoutes.vendorContracts, { id: vendorId }, input, ttResponses.vendorContract, {
      what: R.vendors.name,
      id: vendorId,
    });
  updateVendorContract = (vendorId: string, contractId: string, input: UpdateVendorContractInput) =>
    this.#childWrite(
      'PATCH',
      ttRoutes.vendorContract,
      { id: vendorId, childId: contractId },
      input,
      ttResponses.vendorContract,
      { what: 'VendorContract', id: contractId },
    );
  removeVendorContract = (vendorId: string, contractId: string) =>
    this.#childRemove(ttRoutes.vendorContract, vendorId, contractId, 'VendorContract');

  listTravelAlerts = (q?: ListQueryOf<R['travelAlerts']>) => this.#list(R.travelAlerts, q);
  createTravelAlert = (input: CreateOf<R['travelAlerts']>) => this.#create(R.travelAlerts, input);
  updateTravelAlert = (id: string, input: UpdateOf<R['travelAlerts']>) => this.#update(R.travelAlerts, id, input);

  listSatisfactionScores = (q?: ListQueryOf<R['satisfaction']>) => this.#list(R.satisfaction, q);
  createSatisfactionScore = (input: CreateOf<R['satisfaction']>) => this.#create(R.satisfaction, input);

  async getTopOpportunities(limit?: number): Promise<TopOpportunities> {
    return this.#get({ path: ttRoutes.topOpportunities, query: { limit }, schema: ttResponses.topOpportunities });
  }

  // ------------------------------------------------------------------------------------------
  // Finance
  // ------------------------------------------------------------------------------------------
  listPayments = (q?: ListQueryOf<R['payments']>) => this.#list(R.payments, q);
  getPayment = (id: string) => this.#detail(R.payments, id);
  createPayment = (input: CreateOf<R['payments']>) => this.#create(R.payments, input);
  updatePayment = (id: string, input: UpdateOf<R['payments']>) => this.#update(R.payments, id, input);

  listPaymentSchedules = (q?: ListQueryOf<R['paymentSchedules']>) => this.#list(R.paymentSchedules, q);
  getPaymentSchedule = (id: string) => this.#detail(R.paymentSchedules, id);
  createPaymentSchedule = (input: CreateOf<R['paymentSchedules']>) => this.#create(R.paymentSchedules, input);
  updatePaymentSchedule = (id: string, input: UpdateOf<R['paymentSchedules']>) =>
    this.#update(R.paymentSchedules, id, input);

  listInvoices = (q?: ListQueryOf<R['invoices']>) => this.#list(R.invoices, q);
  getInvoice = (id: string) => this.#detail(R.invoices, id);
  createInvoice = (input: CreateOf<R['invoices']>) => this.#create(R.invoices, input);
  updateInvoice = (id: string, input: UpdateOf<R['invoices']>) => this.#update(R.invoices, id, input);

  /** Paginated entries plus the summary over every entry matching the filters. */
  listCommissions(q?: ListQueryOf<R['commissions']>): Promise<CommissionList> {
    return this.#get({ path: R.commissions.path, query: toQuery(q), schema: ttResponses.commissionList });
  }
  getCommission = (id: string) => this.#detail(R.commissions, id);
  updateCommission = (id: string, input: UpdateOf<R['commissions']>) => this.#update(R.commissions, id, input);

  async getCommissionSummary(
    filters?: Partial<z.output<typeof commissionSummaryQuerySchema>>,
  ): Promise<CommissionSummary> {
    const res = await this.#get({
      path: ttRoutes.commissionSummary,
      query: toQuery(filters),
      schema: ttResponses.commissionSummary,
    });
    return res.data;
  }

  /** POST /api/commissions/calculate: computes the split for a booking value; stores nothing. */
  async calculateCommission(input: CalculateCommissionInput): Promise<CommissionCalculation> {
    const res = await this.#send('POST', {
      path: ttRoutes.commissionCalculate,
      body: input,
      schema: ttResponses.commissionCalculation,
    });
    return res.data;
  }

  listVendors = (q?: ListQueryOf<R['vendors']>) => this.#list(R.vendors, q);
  /** With commission rules and contracts. */
  getVendor = (id: string) => this.#detail(R.vendors, id);
  createVendor = (input: CreateOf<R['vendors']>) => this.#create(R.vendors, input);
  updateVendor = (id: string, input: UpdateOf<R['vendors']>) => this.#update(R.vendors, id, input);
}

/** `{ data }` envelope, typed from a plain output type so generic helpers stay checkable. */
function dataOf<T>(item: z.ZodType<T>): z.ZodType<{ data: T }> {
  return z.object({ data: item });
}

function listOf<T>(item: z.ZodType<T>): z.ZodType<ListResult<T>> {
  return listResponse(item);
}

function toQuery(q: object | undefined): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [k, v] of Object.entries(q ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    // Id lists (`ids`, `clientIds`, ...) travel as one comma-separated value.
    else if (Array.isArray(v) && v.length > 0) out[k] = v.map(String).join(',');
  }
  return out;
}

function memoKey(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  const entries = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, String(v)])
    .sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1));
  return `${path}?${new URLSearchParams(entries).toString()}`;
}
