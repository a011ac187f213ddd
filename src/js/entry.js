// The one runtime bound to a service: each entry point of the package
// (src/entries/NAME.js, generated) calls `service` with its client class's name, its
// tables and its operations' names. scripts/package.mjs appends this to the glue, where
// `Client`, `registerService` and the functions below are the module's exports.

/**
 * The entry's client class (a method per operation, named as the SDK's) and functions,
 * bound to the service of `tables`. The tables are read at the first use, once the module
 * is loaded (`init`), and never again.
 */
export function service(className, tables, operations) {
  let id;
  const registered = () => (id ??= registerService(tables));
  const ServiceClient = { [className]: class extends Client { constructor(config) { super(registered(), config); } } }[className];
  for (const name of operations.split(' ')) {
    Object.defineProperty(ServiceClient.prototype, name[0].toLowerCase() + name.slice(1), {
      value(input, options) { return this.send(name, input, options); },
      writable: true,
      configurable: true,
    });
  }
  return {
    Client: ServiceClient,
    validate: (first, second) => validate(registered(), first, second),
    buildRequest: (first, second, third) => buildRequest(registered(), first, second, third),
    createSignedRequest: (first, second, third) => createSignedRequest(registered(), first, second, third),
    signRequest: (request, options) => signRequest(registered(), request, options),
    paginate: (operation, config, input, options) => paginate(registered(), operation, config, input, options),
  };
}
