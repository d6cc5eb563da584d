// A tiny Lambda custom runtime in Node.js (built-in fetch, keep-alive connections): answers
// every HTTP event with 200 "node <path>". Exits quietly when the Runtime API goes away.
const base = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime`;
for (;;) {
  let r;
  try {
    r = await fetch(`${base}/invocation/next`);
  } catch {
    process.exit(0);
  }
  const id = r.headers.get("lambda-runtime-aws-request-id");
  const event = await r.json();
  const path = event.rawPath || event.path || "/";
  await fetch(`${base}/invocation/${id}/response`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ statusCode: 200, body: `node ${path}` }),
  });
}
