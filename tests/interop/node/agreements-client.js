'use strict';
// npm's @grpc/grpc-js as a client of our agreements service (zielsteuerung.agreements.v1.Agreements): the same named
// checks as tests/interop/python/agreements_client.py, with the machinery of registry-client.js (types from the
// descriptor set, tokens from --token-endpoint, one JSON line per check; see there). A § 48b Nr. 4 draft of MAGS NRW
// with Kreis Borken (../data/borken-draft.json) is drafted, read, signed by both parties, listed, rendered and its
// revisions listed; then the refusals with their google.rpc details. What a run creates is named "<run id>-…". The
// clients are named by --drafter (mags-nrw: agreements.write and .sign), --signer (kt-05554: agreements.sign) and
// --outsider (kt-05978: a party of other agreements); their secrets come from INTEROP_DRAFTER_SECRET,
// INTEROP_SIGNER_SECRET and INTEROP_OUTSIDER_SECRET.
//
//   INTEROP_DRAFTER_SECRET=… INTEROP_SIGNER_SECRET=… INTEROP_OUTSIDER_SECRET=… \
//   node agreements-client.js --descriptors interop.pb --target 127.0.0.1:PORT --run-id ix-manual-1 \
//     --token-endpoint http://127.0.0.1:PORT/connect/token --drafter mags-nrw --signer kt-05554 --outsider kt-05978 \
//     [--check create_draft]
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const { Stub, runChecks, runMain } = require('./registry-client.js');

const SERVICE = 'zielsteuerung.agreements.v1.Agreements';
// The scopes each client asks for: only what its calls need.
const SCOPES = {
  drafter: ['agreements.read', 'agreements.write', 'agreements.sign'],
  signer: ['agreements.read', 'agreements.sign'],
  outsider: ['agreements.read', 'agreements.sign'],
};
const DRAFT_FILE = path.join(__dirname, '..', 'data', 'borken-draft.json');
// Entered in this order: the Kreis signed last, so the agreement is in force on its date, not the ministry's.
const SIGNATURES = {
  signer: { signatory: 'Dr. Kai Zwicker', signatory_role: 'Landrat', place: 'Borken', signed_on: '2018-02-22' },
  drafter: { signatory: 'Dr. Edmund Heller', signatory_role: 'Staatssekretär', place: 'Düsseldorf', signed_on: '2018-02-19' },
};

/** The agreements service, with the drafter's token unless a check says otherwise. */
class Agreements extends Stub {
  constructor(descriptorSetPath, target, runId, tokens) {
    super(descriptorSetPath, target, SERVICE, runId, tokens, 'drafter');
    const { '//': _, ...draft } = JSON.parse(fs.readFileSync(DRAFT_FILE, 'utf8'));
    this.draftFile = draft;
    this.agreementId = `${runId}-borken`;
  }

  /** The CreateDraftRequest of the draft file for "<run id>-<suffix>", with fields (and a target value) replaced. */
  draft(suffix, { value, ...fields } = {}) {
    const request = { ...structuredClone(this.draftFile), agreement_id: `${this.runId}-${suffix}`, ...fields };
    if (value !== undefined) request.content.goals[0].targets[0].value = value;
    return request;
  }

  create(suffix, fields) { return this.call('CreateDraft', this.draft(suffix, fields)); }

  async sign(role, agreementId, expectedVersion) {
    return this.call('Sign', { agreement_id: agreementId, expected_version: expectedVersion, ...SIGNATURES[role] }, await this.tokens.bearer(role));
  }
}

const checks = {
  // ---- the main calls: draft, read, sign, list, render, audit trail ----

  create_draft: async (a) => ({ agreement: await a.create('borken') }),

  // A party of the agreement other than the one that drafted it reads it.
  get_agreement: async (a) => ({ agreement: await a.call('GetAgreement', { agreement_id: a.agreementId }, await a.tokens.bearer('signer')) }),

  async sign(a) {
    const first = await a.sign('signer', a.agreementId, 1);
    return { first, last: await a.sign('drafter', a.agreementId, first.version) };
  },

  async list_agreements(a) {
    const created = [];
    for (const suffix of ['list-1', 'list-2', 'list-3']) created.push((await a.create(suffix)).id);
    const otherYear = (await a.create('list-2017', { year: 2017, dated_on: '2017-01-16' })).id;
    const pages = [];
    let token = '';
    do {
      const response = await a.call('ListAgreements', { year: 2018, page_size: 2, page_token: token });
      pages.push(response.agreements || []);
      token = response.next_page_token || '';
    } while (token && pages.length < 50);
    const of2017 = await a.call('ListAgreements', { year: 2017, page_size: 200 });
    return { created, other_year: otherYear, pages, last_token: token, ids_2017: (of2017.agreements || []).map((s) => s.id) };
  },

  async render_agreement(a) {
    const rendered = await a.call('RenderAgreement', { agreement_id: a.agreementId, format: 'RENDER_FORMAT_MARKDOWN' }, await a.tokens.bearer('signer'));
    return { media_type: rendered.media_type, edition: rendered.edition, text: rendered.text };
  },

  list_revisions: async (a) => ({ revisions: (await a.call('ListRevisions', { agreement_id: a.agreementId })).revisions || [] }),

  // ---- refusals: code, message, google.rpc details ----

  auth_token_missing: (a) => a.failure('GetAgreement', { agreement_id: a.agreementId }, new grpc.Metadata()),

  // Kreis Unna signs the Borken agreement: its token is valid and has agreements.sign, its party is not one of it.
  async error_permission_denied(a) {
    const denied = await a.create('denied');
    return a.failure('Sign', { agreement_id: denied.id, expected_version: denied.version, ...SIGNATURES.signer }, await a.tokens.bearer('outsider'));
  },

  async error_failed_precondition(a) {
    const twice = await a.create('twice');
    const signed = await a.sign('signer', twice.id, twice.version);
    return a.failure('Sign', { agreement_id: twice.id, expected_version: signed.version, ...SIGNATURES.signer, signed_on: '2018-02-23' },
      await a.tokens.bearer('signer'));
  },

  async error_aborted(a) {
    const stale = await a.create('stale');
    await a.sign('signer', stale.id, stale.version);
    return a.failure('Sign', { agreement_id: stale.id, expected_version: stale.version, ...SIGNATURES.drafter });
  },

  error_not_found: (a) => a.failure('GetAgreement', { agreement_id: `${a.runId}-missing` }),

  error_invalid_argument: (a) => a.failure('CreateDraft', a.draft('malformed', { value: '2,5' })), // a German decimal comma
};

runMain(() => runChecks(checks, SCOPES, (args, tokens) => new Agreements(args.descriptors, args.target, args.runId, tokens)));
