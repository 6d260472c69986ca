// The physical names derived from the service prefix: function, role and log group names are
// fixed so that the personal-data key's policy (in the data stack) can name the roles before they
// exist, and an operator can find a function's logs by its catalogue id.
export function functionName(servicePrefix: string, functionId: string): string {
  return `${servicePrefix}-${functionId}`;
}

export function functionRoleName(servicePrefix: string, functionId: string): string {
  const name = `${servicePrefix}-${functionId}-function`;
  if (name.length > 64) throw new Error(`the role name ${name} is longer than IAM's 64 characters`);
  return name;
}

export function functionLogGroupName(servicePrefix: string, functionId: string): string {
  return `/aws/lambda/${functionName(servicePrefix, functionId)}`;
}
