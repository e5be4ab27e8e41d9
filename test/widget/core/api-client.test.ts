import { expect, waitUntil } from '@open-wc/testing';
import type { InquiryCounts, InquiryDetail } from '../../../shared/api.ts';
import { ApiClient, ApiError } from '../../../widget/core/api-client.ts';
import { minutesAgo, newShop, recordInquiry, testServer, uniqueOrderId } from '../support/helpers.ts';

describe('ApiClient', () => {
  it('reads JSON with the Bearer token', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const counts = await new ApiClient(url, token).get<InquiryCounts>('/inquiries/counts');
    expect(counts).to.deep.equal({ needsReply: 0, replied: 0, completed: 0 });
  });

  it('throws ApiError with the problem (code, per-field errors) on a refusal, and 401 without a valid token', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const client = new ApiClient(url, token);
    let refused: unknown;
    try {
      await client.send('POST', '/templates', { category: '', name: 'x', body: 'y' });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(ApiError);
    const problem = (refused as ApiError).problem;
    expect((refused as ApiError).status).to.be.within(400, 499);
    expect(problem.code).to.equal('field_required');
    expect(problem.errors?.map((e) => e.field)).to.include('category');

    let unauthorized: unknown;
    try {
      await new ApiClient(url, 'not-a-token').get('/inquiries/counts');
    } catch (error) {
      unauthorized = error;
    }
    expect((unauthorized as ApiError).status).to.equal(401);
    expect((unauthorized as ApiError).code).to.equal('unauthorized');
  });

  it('turns a network failure into ApiError status 0, code network_error', async () => {
    let failure: unknown;
    try {
      await new ApiClient('http://127.0.0.1:9', 'token').get('/inquiries/counts');
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(ApiError);
    expect((failure as ApiError).status).to.equal(0);
    expect((failure as ApiError).code).to.equal('network_error');
  });

  it('downloads an attachment with the token as a blob', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();
    const orderId = uniqueOrderId();
    const bytes = '%PDF-1.4 test document';
    await recordInquiry(shopId, {
      mall: 'rakuten',
      orderId,
      subject: '請求書',
      customerName: '小林 誠',
      messages: [
        { sender: 'customer', body: '添付します', sentAt: minutesAgo(2), attachments: [{ name: '請求書.pdf', contentType: 'application/pdf', base64: btoa(bytes) }] },
      ],
    });
    const client = new ApiClient(url, token);
    const [inquiry] = await client.get<InquiryDetail[]>(`/orders/${orderId}/inquiries`);
    const attachment = inquiry!.messages[0]!.attachments[0]!;
    const blob = await client.fetchBlob(attachment.url);
    expect(await blob.text()).to.equal(bytes);
  });

  it('shares one event stream between subscribers and delivers inquiry.updated to each', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = new ApiClient(url, token).subscribe((name, data) => name === 'inquiry.updated' && a.push(data));
    const stopB = new ApiClient(`${url}/`, token).subscribe((name, data) => name === 'inquiry.updated' && b.push(data));
    await new Promise((r) => setTimeout(r, 500));
    const orderId = uniqueOrderId();
    await recordInquiry(shopId, {
      mall: 'yahoo',
      orderId,
      subject: '在庫',
      customerName: null,
      messages: [{ sender: 'customer', body: '在庫はありますか', sentAt: minutesAgo(1) }],
    });
    await waitUntil(() => a.length > 0 && b.length > 0, 'events not delivered', { timeout: 8000 });
    expect((a[0] as { orderId: string }).orderId).to.equal(orderId);
    const streams = performance.getEntriesByType('resource').filter((e) => e.name === `${url}/api/v1/events`);
    expect(streams.length).to.be.at.most(1);
    stopA();
    stopB();
  });
});
