/** The AWS catalogue (src/iam/catalogue.data) is imported as text and parsed on first use. */
declare module '*.data' {
  const text: string;
  export default text;
}
