// A load-generator child of the HTTP benchmark: runs autocannon with the options given as JSON in
// argv and prints its result as JSON on stdout.
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options
const result = await autocannon(options)
process.stdout.write(JSON.stringify(result))
