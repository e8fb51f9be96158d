// Drives Veiviser's FHIR API with fhir-kit-client, a FHIR client library from the npm registry,
// as an integrator would: a transaction at the base, a read, a search, a batch. Prints one JSON
// line with what came back; the Go test (e2e/fhirclient_test.go) checks it.
// Usage: node conformance.mjs BASE_URL TOKEN
import { Client } from 'fhir-kit-client';

const [base, token] = process.argv.slice(2);
const client = new Client({ baseUrl: base, customHeaders: { Authorization: `Bearer ${token}` } });

const tx = await client.transaction({
  body: {
    resourceType: 'Bundle', type: 'transaction',
    entry: [{
      fullUrl: 'urn:uuid:6f1b3f7e-2a44-4f0e-9d5c-0e6b1d2c9a10',
      resource: { resourceType: 'Patient', name: [{ family: 'Klientsen', given: ['Kari'] }], birthDate: '1980-02-03' },
      request: { method: 'POST', url: 'Patient' },
    }, {
      resource: {
        resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Gå tur' },
        subject: { reference: 'urn:uuid:6f1b3f7e-2a44-4f0e-9d5c-0e6b1d2c9a10' },
      },
      request: { method: 'POST', url: 'Goal' },
    }],
  },
});
const patientId = tx.entry[0].response.location.split('/')[1];
const read = await client.read({ resourceType: 'Patient', id: patientId });
const found = await client.search({ resourceType: 'Goal', searchParams: { subject: `Patient/${patientId}` } });
const batch = await client.batch({
  body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient/${patientId}` } }] },
});
console.log(JSON.stringify({
  transaction: tx.type, statuses: tx.entry.map((e) => e.response.status),
  readFamily: read.name[0].family, goals: (found.entry || []).length, batch: batch.entry[0].response.status,
}));
